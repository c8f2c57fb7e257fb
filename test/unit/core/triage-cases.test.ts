/**
 * Table-driven triage cases: the development set (test/eval/triage.jsonl) and realistic variations written
 * for this suite (wording, English auto-replies, bounces, newsletters, thanks, rule questions with "wir").
 * The knowledge base and router are plain-object fakes; the knowledge base answers every question here,
 * so these cases test the rule tables (the outcome policy is tested in triage.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AskResult, KnowledgeAnswerer } from '../../../src/core/knowledge.js';
import type { RouteResult, Router } from '../../../src/core/routing.js';
import { triage, type Intent, type TicketCategory, type TriageInput } from '../../../src/core/triage/index.js';

const answerer: KnowledgeAnswerer = {
  ask: (question): AskResult => ({ question, answered: true, confidence: 0.9, answer: null, hits: [], outcome: 'answer', suggestions: [] }),
};
const unknownRoute: RouteResult = { status: 'unknown', gemeinde: null, kreis: null, candidates: [], evidence: [], contact: null };
const router: Router = { route: () => unknownRoute };

interface Case {
  name: string;
  channel: 'email' | 'teams';
  from?: string;
  subject?: string;
  text: string;
  intent: Intent;
  ticket: boolean;
  category?: TicketCategory;
}

const CASES: Case[] = [
  { name: "Rate nicht angekommen, Bitte um Nachsehen", channel: 'email', from: "hauptamt@musterstadt.de", subject: "Zahlung 1. Rate", text: "Sehr geehrte Damen und Herren, die erste Rate für 2025 ist bei uns bislang nicht angekommen. Könnten Sie bitte nachsehen, ob die Auszahlung angewiesen wurde? Mit freundlichen Grüßen Kämmerei Musterstadt", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "Sachbericht anbei", channel: 'email', subject: "Verwendungsnachweis 2024", text: "Guten Tag, anbei erhalten Sie den Sachbericht und den zahlenmäßigen Nachweis für 2024. Viele Grüße", intent: 'application_matter', ticket: true, category: 'verwendungsnachweis' },
  { name: "Aktenzeichen im Betreff", channel: 'email', subject: "Az. 15-2751.1-IM/123", text: "Sehr geehrte Frau Schmidt, zu obigem Aktenzeichen möchten wir nachfragen, ob noch Unterlagen fehlen.", intent: 'application_matter', ticket: true, category: 'sonstiges' },
  { name: "Widerspruch gegen Bescheid vom …", channel: 'email', subject: "Widerspruch gegen Rückforderungsbescheid", text: "Hiermit legen wir gegen den Bescheid vom 12.03.2025 Widerspruch ein. Die Begründung reichen wir nach.", intent: 'application_matter', ticket: true, category: 'widerspruch' },
  { name: "mit Rückforderung nicht einverstanden", channel: 'email', subject: "Rückforderung", text: "Mit der Rückforderung sind wir nicht einverstanden, die Stelle war durchgehend besetzt.", intent: 'application_matter', ticket: true, category: 'widerspruch' },
  { name: "Mittelabruf hiermit, Formular beigefügt", channel: 'email', subject: "Mittelabruf 2. Halbjahr", text: "Hiermit rufen wir die Mittel für das zweite Halbjahr ab. Das Formular ist beigefügt.", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "Sind … förderfähig?", channel: 'teams', from: "im@x.de", text: "Sind Fortbildungskosten förderfähig?", intent: 'general_question', ticket: false },
  { name: "Dürfen wir unsere Stelle … besetzen? (Regelfrage mit \"unsere\")", channel: 'teams', from: "im@x.de", text: "Dürfen wir unsere Integrationsmanagerstelle mit zwei Teilzeitkräften besetzen?", intent: 'general_question', ticket: false },
  { name: "Fördersatz-Frage mit \"wir haben eine Frage\"", channel: 'email', from: "im@x.de", subject: "Frage zur Förderung", text: "Hallo, wir haben eine Frage: Wie hoch ist der Fördersatz für eine Fachkraft mit Bachelor? Danke und Gruß", intent: 'general_question', ticket: false },
  { name: "Bis wann Kennzahlen?", channel: 'email', from: "im@x.de", subject: "Kennzahlen", text: "Bis wann müssen die Kennzahlen gemeldet werden?", intent: 'general_question', ticket: false },
  { name: "englische Abwesenheitsnotiz (Automatic reply)", channel: 'email', from: "im@x.de", subject: "Automatic reply: Anfrage Integrationsmanagement", text: "I am currently out of the office with limited access to email. I will respond to your message upon my return on 2 September.", intent: 'other', ticket: false },
  { name: "Out of Office, kurz", channel: 'email', from: "im@x.de", subject: "Out of Office", text: "Thank you for your email. I'm away until Monday.", intent: 'other', ticket: false },
  { name: "Bounce von MAILER-DAEMON", channel: 'email', from: "MAILER-DAEMON@mail.example.de", subject: "Undelivered Mail Returned to Sender", text: "This is the mail system at host mail.example.de. I'm sorry to have to inform you that your message could not be delivered to one or more recipients.", intent: 'other', ticket: false },
  { name: "Unzustellbar von postmaster, Betreff nennt Antrag", channel: 'email', from: "postmaster@kommune.de", subject: "Unzustellbar: Ihre Anfrage zum Antrag", text: "Die Nachricht konnte nicht zugestellt werden. Empfänger unbekannt.", intent: 'other', ticket: false },
  { name: "Newsletter vom Verteiler", channel: 'email', from: "newsletter@landkreistag.de", subject: "Newsletter Integration 03/2025", text: "Liebe Leserinnen und Leser, in dieser Ausgabe: neue Förderprogramme ... Newsletter abbestellen", intent: 'other', ticket: false },
  { name: "Newsletter ohne Newsletter-Betreff (abmelden, Browser-Ansicht)", channel: 'email', from: "info@verband.de", subject: "Aktuelles aus dem Verband", text: "Aktuelle Termine und Veranstaltungen. Wenn Sie diese E-Mails nicht mehr erhalten möchten, können Sie sich hier abmelden. Im Browser ansehen", intent: 'other', ticket: false },
  { name: "Dank mit Zitat der Antwort", channel: 'email', subject: "AW: Ihre Anfrage", text: "Herzlichen Dank, das hilft uns sehr weiter!\n\n> Sehr geehrte Frau Maier, der Sachbericht sollte ...", intent: 'other', ticket: false },
  { name: "Danke! in Teams", channel: 'teams', text: "Danke!", intent: 'other', ticket: false },
  { name: "Guten Morgen", channel: 'teams', text: "Guten Morgen", intent: 'other', ticket: false },
  { name: "Integrationsmanager scheidet aus, Nachfolgerin", channel: 'email', subject: "Personal", text: "Unser Integrationsmanager scheidet zum 30.06. aus. Wir haben bereits eine Nachfolgerin gefunden, die am 01.07. anfängt.", intent: 'application_matter', ticket: true, category: 'personal' },
  { name: "Elternzeit unserer Integrationsmanagerin", channel: 'email', subject: "Elternzeit", text: "Unsere Integrationsmanagerin geht ab Oktober in Elternzeit. Was müssen wir tun, damit die Förderung weiterläuft?", intent: 'application_matter', ticket: true, category: 'personal' },
  { name: "Bearbeitungsstand unseres Antrags vom …", channel: 'email', subject: "Stand Antrag", text: "Guten Tag, wie ist der Bearbeitungsstand unseres Antrags vom 15.01.2025?", intent: 'application_matter', ticket: true, category: 'antrag' },
  { name: "Sachbericht später abgeben (Frist)", channel: 'email', subject: "Frist Sachbericht", text: "Können wir den Sachbericht zwei Wochen später abgeben? Die Kollegin ist erkrankt.", intent: 'application_matter', ticket: true, category: 'frist' },
  { name: "Wie lange darf … beraten?", channel: 'teams', text: "Wie lange darf ein Integrationsmanager eine Person beraten?", intent: 'general_question', ticket: false },
  { name: "Können sich Gemeinden zusammenschließen?", channel: 'teams', text: "Können sich Gemeinden aus verschiedenen Landkreisen zusammenschließen?", intent: 'general_question', ticket: false },
  { name: "Ist das grundsätzlich möglich? (mit \"wir überlegen\")", channel: 'email', subject: "Frage", text: "Wir überlegen, das Integrationsmanagement an die Caritas zu übertragen. Ist das grundsätzlich möglich?", intent: 'general_question', ticket: false },
  { name: "Stellenanteil reduzieren", channel: 'email', subject: "Änderung Stellenumfang", text: "Wir möchten den Stellenanteil unserer Integrationsmanagerin ab 1. März reduzieren. Bitte teilen Sie uns mit, was wir einreichen müssen.", intent: 'application_matter', ticket: true, category: 'aenderung' },
  { name: "Zuwendungsbescheid vom … korrigieren", channel: 'email', subject: "Bescheid", text: "Im Zuwendungsbescheid vom 03.02.2025 ist der Bewilligungszeitraum falsch angegeben. Bitte korrigieren Sie den Bescheid.", intent: 'application_matter', ticket: true, category: 'antrag' },
  { name: "Auto-Reply mit Vertretung", channel: 'email', subject: "Auto-Reply: Verwendungsnachweis", text: "Vielen Dank für Ihre Nachricht. Ich bin ab dem 03.03. wieder im Büro. In dringenden Fällen wenden Sie sich bitte an Frau X.", intent: 'other', ticket: false },
  { name: "Zielgruppe mit \"wir möchten wissen\"", channel: 'email', subject: "Informationen", text: "Guten Tag, wir möchten wissen, wer zur Zielgruppe des Integrationsmanagements gehört.", intent: 'general_question', ticket: false },
  { name: "Rate noch nicht erhalten", channel: 'email', subject: "Zahlungseingang", text: "Wir haben die Rate für das erste Halbjahr noch nicht erhalten.", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "Kennzahlen im Anhang", channel: 'email', text: "Im Anhang finden Sie die Kennzahlen unserer Integrationsmanager für 2024.", intent: 'application_matter', ticket: true, category: 'verwendungsnachweis' },
  { name: "Was ist ein Integrationsplan?", channel: 'teams', text: "Was ist ein Integrationsplan?", intent: 'general_question', ticket: false },
  { name: "\"Wir haben gehört\" + Regelfrage", channel: 'teams', text: "Wir haben gehört, dass es eine Änderung der VwV gab. Was hat sich geändert?", intent: 'general_question', ticket: false },
  { name: "Nachfrage im Antwort-Thread zum eigenen Antrag", channel: 'email', subject: "Re: Stand unseres Antrags", text: "Gibt es schon Neuigkeiten?\n\nAm 02.04.2025 um 10:12 schrieb RP Stuttgart:\n> Vielen Dank für Ihre Anfrage.", intent: 'application_matter', ticket: true, category: 'antrag' },
  { name: "neue Integrationsmanagerin eingestellt", channel: 'email', subject: "Neue Integrationsmanagerin", text: "Zum 01.09. haben wir Frau Y als neue Integrationsmanagerin eingestellt. Welche Unterlagen benötigen Sie von uns?", intent: 'application_matter', ticket: true, category: 'personal' },
  { name: "Müssen wir … aufbewahren?", channel: 'teams', text: "Müssen wir die Integrationspläne aufbewahren?", intent: 'general_question', ticket: false },
  { name: "No-Reply-Eingangsbestätigung", channel: 'email', from: "noreply@portal.service-bw.de", subject: "Ihre Nachricht ist eingegangen", text: "Dies ist eine automatisch generierte Nachricht. Bitte antworten Sie nicht.", intent: 'other', ticket: false },
  { name: "Wir bitten um Verlängerung der Frist", channel: 'email', subject: "Fristverlängerung", text: "Sehr geehrte Damen und Herren, wir bitten um Verlängerung der Frist für die Vorlage des Verwendungsnachweises bis 31.12.", intent: 'application_matter', ticket: true, category: 'frist' },
  { name: "Ist eine Stellenteilung zulässig?", channel: 'teams', text: "Ist eine Stellenteilung zulässig?", intent: 'general_question', ticket: false },
  { name: "Urlaubsmeldung ohne Kopfzeilen", channel: 'email', subject: "Abwesenheit", text: "Hallo, ich bin vom 1. bis 15. August im Urlaub und ab dem 18. August wieder erreichbar.", intent: 'other', ticket: false },
  { name: "Dank mit Wochenendgruß", channel: 'teams', text: "Vielen Dank für die Info, schönes Wochenende!", intent: 'other', ticket: false },
  { name: "Belege für unseren Antrag nachreichen", channel: 'email', subject: "Unterlagen nachreichen", text: "Wir reichen die fehlenden Belege für unseren Antrag bis Ende Mai nach.", intent: 'application_matter', ticket: true, category: 'antrag' },
  { name: "Was passiert bei Krankheit? (allgemein)", channel: 'teams', text: "Was passiert mit der Förderung, wenn ein Integrationsmanager länger krank ist?", intent: 'general_question', ticket: false },
  { name: "Wie funktioniert der Mittelabruf?", channel: 'email', subject: "Anfrage", text: "Sehr geehrte Damen und Herren, wie funktioniert der Mittelabruf? Mit freundlichen Grüßen", intent: 'general_question', ticket: false },
  { name: "Kürzung in Ihrem Bescheid", channel: 'email', subject: "Rückfrage Bescheid", text: "In Ihrem Bescheid wird eine Kürzung um 5.000 Euro genannt. Wie kommt dieser Betrag zustande?", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "leere Mail", channel: 'email', text: "", intent: 'other', ticket: false },
  { name: "Wie stellt man einen Änderungsantrag?", channel: 'teams', text: "Wie stellt man einen Änderungsantrag?", intent: 'general_question', ticket: false },
  { name: "Delivery Status Notification", channel: 'email', subject: "Delivery Status Notification (Failure)", text: "Address not found. Your message wasn't delivered to x@y.de because the address couldn't be found.", intent: 'other', ticket: false },
  { name: "\"Wir haben eine Frage zur Antragsfrist\"", channel: 'email', subject: "Frage Antragsfrist", text: "Wir haben eine Frage zur Antragsfrist: Bis wann kann man Anträge stellen?", intent: 'general_question', ticket: false },
  { name: "\"Wir haben gelesen\" + Gilt das auch …?", channel: 'teams', text: "Wir haben gelesen, dass Fortbildungen gefördert werden. Gilt das auch für Supervision?", intent: 'general_question', ticket: false },
  { name: "Müssen wir … einreichen? (Formular)", channel: 'teams', text: "Müssen wir den Sachbericht auf einem bestimmten Formular einreichen?", intent: 'general_question', ticket: false },
  { name: "Können wir als Landkreis …?", channel: 'teams', text: "Können wir als Landkreis auch für kreisangehörige Gemeinden einen Antrag stellen?", intent: 'general_question', ticket: false },
  { name: "Dürfen unsere Integrationsmanager …?", channel: 'email', subject: "Frage", text: "Dürfen unsere Integrationsmanager auch Sprachkurse anbieten?", intent: 'general_question', ticket: false },
  { name: "Wie oft …? mit Gruß und Dank", channel: 'email', subject: "Kurze Frage", text: "Hallo zusammen, wie oft muss ein Integrationsplan fortgeschrieben werden? Danke vorab!", intent: 'general_question', ticket: false },
  { name: "Bestätigung unseres Mittelabrufs vom …", channel: 'email', subject: "WG: Mittelabruf", text: "Sehr geehrte Damen und Herren, können Sie bitte bestätigen, dass unser Mittelabruf vom 10.04. eingegangen ist? Vielen Dank", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "Thank you very much!", channel: 'email', text: "Thank you very much!", intent: 'other', ticket: false },
  { name: "Rückfrage zu Ihrem Schreiben (mit \"Müssen wir\")", channel: 'email', subject: "Rückfrage zu Ihrem Schreiben", text: "Hallo, kurze Rückfrage zu Ihrem Schreiben: Müssen wir die Kennzahlen für 2024 noch nachreichen?", intent: 'application_matter', ticket: true },
  { name: "eigener Verwendungsnachweis ohne Eingangsbestätigung", channel: 'email', subject: "Eingangsbestätigung", text: "Wir haben unseren Verwendungsnachweis am 30.04. eingereicht, aber noch keine Eingangsbestätigung erhalten.", intent: 'application_matter', ticket: true, category: 'verwendungsnachweis' },
  { name: "Welche Unterlagen für den Antrag?", channel: 'teams', text: "Welche Unterlagen brauchen wir für den Antrag?", intent: 'general_question', ticket: false },
  { name: "\"Unsere Gemeinde möchte erstmals einen Antrag stellen\"", channel: 'teams', text: "Unsere Gemeinde möchte erstmals einen Antrag stellen. Was müssen wir beachten?", intent: 'general_question', ticket: false },
  { name: "\"Unser Landkreis plant einen Antrag\" + Obergrenze?", channel: 'teams', text: "Unser Landkreis plant einen Antrag für drei Stellen. Gibt es eine Obergrenze?", intent: 'general_question', ticket: false },
  { name: "unser Bescheid vom … mit Rechenfehler", channel: 'email', subject: "Bescheid fehlerhaft", text: "Sehr geehrte Damen und Herren, unser Bescheid vom 12.5. enthält einen Rechenfehler beim Fördersatz.", intent: 'application_matter', ticket: true },
  { name: "Wie viel Förderung für eine halbe Stelle?", channel: 'email', subject: "Förderhöhe", text: "Wie viel Förderung gibt es für eine halbe Stelle?", intent: 'general_question', ticket: false },
  { name: "Bis wann Mittelabruf? (allgemein)", channel: 'email', subject: "Mittelabruf", text: "Guten Tag, bis wann muss der Mittelabruf für das zweite Halbjahr erfolgen?", intent: 'general_question', ticket: false },
  { name: "eigener Mittelabruf gestellt, wann Auszahlung?", channel: 'email', subject: "Unser Mittelabruf", text: "Guten Tag, wir haben den Mittelabruf am 3. Juli gestellt. Wann wird ausgezahlt?", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "Widerspruch fristwahrend eingelegt", channel: 'email', subject: "Widerspruch", text: "Gegen den Rückforderungsbescheid legen wir fristwahrend Widerspruch ein.", intent: 'application_matter', ticket: true, category: 'widerspruch' },
  { name: "Wie lege ich Widerspruch ein? (allgemein)", channel: 'teams', text: "Wie lege ich Widerspruch gegen einen Bescheid ein?", intent: 'general_question', ticket: false },
  { name: "Automatische Antwort mit \"nicht erreichbar\"", channel: 'email', subject: "Automatische Antwort: Ihre Anfrage vom 12.03.", text: "Sehr geehrte Damen und Herren, vielen Dank für Ihre E-Mail. Ich bin derzeit nicht erreichbar. Ihre E-Mail wird nicht weitergeleitet.", intent: 'other', ticket: false },
  { name: "englische Abwesenheit ohne Auto-Betreff", channel: 'email', subject: "Your message", text: "I'm out of the office until 5 May with no access to email. For urgent matters please contact my colleague.", intent: 'other', ticket: false },
  { name: "Exim-Bounce mit Anzeigename", channel: 'email', from: "Mail Delivery System <MAILER-DAEMON@mx.kommune.de>", subject: "Mail delivery failed: returning message to sender", text: "This message was created automatically by mail delivery software. A message that you sent could not be delivered to one or more of its recipients.", intent: 'other', ticket: false },
  { name: "\"Super, danke dir!\"", channel: 'teams', text: "Super, danke dir!", intent: 'other', ticket: false },
  { name: "Dank mit Namen im Antwort-Thread", channel: 'email', subject: "Re: Ihre Anfrage zum Sachbericht", text: "Besten Dank für die ausführliche Auskunft, Frau Weber!", intent: 'other', ticket: false },
  { name: "Servus zusammen", channel: 'teams', text: "Servus zusammen", intent: 'other', ticket: false },
  { name: "\"Wir sind eine kleine Gemeinde. Können wir … teilen?\"", channel: 'teams', text: "Wir sind eine kleine Gemeinde. Können wir uns mit der Nachbargemeinde eine Integrationsmanagerin teilen?", intent: 'general_question', ticket: false },
  { name: "\"Wir stellen gerade ein\" + Qualifikation?", channel: 'email', subject: "Frage", text: "Wir stellen gerade eine neue Integrationsmanagerin ein. Welche Qualifikation muss sie haben?", intent: 'general_question', ticket: false },
  { name: "Bitte um ein Formular (allgemein)", channel: 'email', subject: "Unterlagen", text: "Könnten Sie mir bitte das Formular für den Verwendungsnachweis zusenden?", intent: 'general_question', ticket: false },
  { name: "Stelle unserer Integrationsmanagerin seit … unbesetzt", channel: 'email', subject: "Stelle unbesetzt", text: "Die Stelle unserer Integrationsmanagerin ist seit 01.03. unbesetzt. Müssen wir das melden und was passiert mit der Rate?", intent: 'application_matter', ticket: true },
  { name: "Bis wann Anträge für 2026?", channel: 'email', subject: "Antrag 2026", text: "Bis wann können Anträge für 2026 gestellt werden?", intent: 'general_question', ticket: false },
  { name: "Aktenzeichen im Betreff, Erklärung anbei", channel: 'email', subject: "AZ RPS15-1234", text: "Sehr geehrte Damen und Herren, wie besprochen erhalten Sie anbei die unterschriebene Erklärung.", intent: 'application_matter', ticket: true },
  { name: "Gibt es eine Vorlage für den Sachbericht?", channel: 'teams', text: "Gibt es eine Vorlage für den Sachbericht?", intent: 'general_question', ticket: false },
  { name: "warten seit Monaten auf die Auszahlung", channel: 'email', subject: "Zahlungsverzug", text: "Seit drei Monaten warten wir auf die Auszahlung der bewilligten Mittel. Bitte prüfen Sie den Vorgang.", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "Ist die Förderung an eine Qualifikation gebunden?", channel: 'teams', text: "Hallo, ist die Förderung an eine bestimmte Qualifikation gebunden?", intent: 'general_question', ticket: false },
  { name: "Kündigung ohne Possessiv, Stelle wird besetzt", channel: 'email', subject: "Kündigung Integrationsmanager", text: "Herr Z hat zum 31.12. gekündigt. Wir werden die Stelle zügig wieder besetzen.", intent: 'application_matter', ticket: true, category: 'personal' },
  { name: "Dank mit zitierter Outlook-Historie", channel: 'email', subject: "AW: Mittelabruf", text: "Danke für die Bestätigung!\n\nVon: RP Stuttgart\nGesendet: Montag\nIhr Mittelabruf ist eingegangen.", intent: 'other', ticket: false },
  { name: "Muss man … elektronisch einreichen?", channel: 'teams', text: "Muss man den Verwendungsnachweis elektronisch einreichen?", intent: 'general_question', ticket: false },
  { name: "Wir möchten Widerspruch einlegen", channel: 'email', subject: "Bescheid", text: "Wir möchten Widerspruch gegen den Bescheid einlegen.", intent: 'application_matter', ticket: true, category: 'widerspruch' },
  { name: "Wie kann man Widerspruch einlegen?", channel: 'teams', text: "Wie kann man Widerspruch einlegen?", intent: 'general_question', ticket: false },
  { name: "\"Ich befinde mich bis einschließlich … im Urlaub\"", channel: 'email', subject: "Ihre Nachricht", text: "Vielen Dank für Ihre Nachricht. Ich befinde mich bis einschließlich 20.08. im Urlaub.", intent: 'other', ticket: false },
  { name: "\"Vielen Dank, dann warten wir den Bescheid ab.\"", channel: 'email', subject: "Antwort", text: "Vielen Dank, dann warten wir den Bescheid ab.", intent: 'other', ticket: false },
  { name: "Bescheid erhalten, Summe zu niedrig, bitte prüfen", channel: 'email', subject: "Bescheid", text: "Wir haben den Bescheid erhalten, aber die Fördersumme ist niedriger als beantragt. Können Sie das prüfen?", intent: 'application_matter', ticket: true },
  { name: "Wie melde ich einen Personalwechsel?", channel: 'teams', text: "Wie melde ich einen Personalwechsel?", intent: 'general_question', ticket: false },
  { name: "Kennzahlen anbei", channel: 'email', subject: "Kennzahlen 2024", text: "Anbei übersende ich Ihnen die Kennzahlen für 2024.", intent: 'application_matter', ticket: true, category: 'verwendungsnachweis' },
  { name: "unser Verwendungsnachweis überfällig", channel: 'email', subject: "Verwendungsnachweis", text: "Unser Verwendungsnachweis ist leider überfällig, wir reichen ihn bis Ende des Monats nach.", intent: 'application_matter', ticket: true },
  { name: "\"Danke, das hat mir sehr geholfen.\"", channel: 'teams', text: "Danke, das hat mir sehr geholfen.", intent: 'other', ticket: false },
  { name: "Dienstreise-Abwesenheit ohne Kopfzeilen", channel: 'email', subject: "Dienstreise", text: "Ich bin auf Dienstreise und ab Montag wieder im Büro. In dringenden Fällen wenden Sie sich bitte an das Sekretariat.", intent: 'other', ticket: false },
  { name: "Dank mit anschließender Bitte bleibt eine Anfrage", channel: 'teams', text: "Danke. Wir brauchen aber noch das Formular für den Mittelabruf.", intent: 'general_question', ticket: false },
  { name: "Sachstand unseres Folgeantrags", channel: 'email', subject: "Sachstand", text: "Sehr geehrte Damen und Herren, können Sie uns sagen, wann über unseren Folgeantrag entschieden wird? Mit freundlichen Grüßen", intent: 'application_matter', ticket: true, category: 'antrag' },
  { name: "Wie viele Integrationsmanager darf ein Landkreis beschäftigen?", channel: 'teams', text: "Wie viele Integrationsmanager darf ein Landkreis beschäftigen?", intent: 'general_question', ticket: false },
  { name: "Kennzahlen nicht rechtzeitig gemeldet, nachreichen?", channel: 'email', subject: "Kennzahlenmeldung", text: "Guten Tag, leider konnten wir die Kennzahlen nicht bis zum 31.03. melden, da unser System ausgefallen war. Reicht es, wenn wir sie nächste Woche nachreichen?", intent: 'application_matter', ticket: true },
  { name: "Gibt es eine Mindestlaufzeit?", channel: 'teams', text: "Gibt es für das Integrationsmanagement eine Mindestlaufzeit?", intent: 'general_question', ticket: false },
  { name: "zu viel Geld erhalten, Rücküberweisung", channel: 'email', subject: "Überzahlung", text: "Uns ist aufgefallen, dass wir für 2023 zu viel Geld erhalten haben. Wie sollen wir den Betrag zurücküberweisen?", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "geänderte Bankverbindung", channel: 'email', subject: "Bankverbindung geändert", text: "Bitte beachten Sie, dass sich unsere Bankverbindung geändert hat. Die neue IBAN lautet DE12 3456 7890 1234 5678 90.", intent: 'application_matter', ticket: true },
  { name: "Werden auch Sachkosten gefördert?", channel: 'teams', text: "Werden auch Sachkosten gefördert?", intent: 'general_question', ticket: false },
  { name: "gewünschte Unterlagen nach Gespräch", channel: 'email', subject: "Anfrage", text: "Sehr geehrte Frau Dr. Müller, bezüglich unseres Gesprächs vom Dienstag sende ich Ihnen die gewünschten Unterlagen zu.", intent: 'application_matter', ticket: true },
  { name: "laut Ihrer Mail fehlen Unterlagen", channel: 'email', subject: "Fehlende Unterlagen", text: "Laut Ihrer Mail fehlen noch Unterlagen zu unserem Antrag. Welche genau?", intent: 'application_matter', ticket: true, category: 'antrag' },
  { name: "Welche Qualifikation brauchen Integrationsmanagerinnen?", channel: 'teams', text: "Welche Qualifikation brauchen Integrationsmanagerinnen?", intent: 'general_question', ticket: false },
  { name: "Abwesenheitsnotiz wegen Elternzeit", channel: 'email', subject: "Abwesenheitsnotiz", text: "Ich bin ab dem 1.9. in Elternzeit. Bitte wenden Sie sich an meine Kollegin.", intent: 'other', ticket: false },
  { name: "\"Alles klar, vielen Dank!\" im Thread", channel: 'email', subject: "Re: Ihr Mittelabruf", text: "Alles klar, vielen Dank!", intent: 'other', ticket: false },
  { name: "Verlängerung des Bewilligungszeitraums beantragt", channel: 'email', subject: "Verlängerung Bewilligungszeitraum", text: "Wir beantragen hiermit die Verlängerung des Bewilligungszeitraums für unsere Integrationsmanagerstelle bis 31.12.2026.", intent: 'application_matter', ticket: true },
  { name: "Kann der Bewilligungszeitraum verlängert werden? (allgemein)", channel: 'teams', text: "Kann der Bewilligungszeitraum verlängert werden?", intent: 'general_question', ticket: false },
  { name: "\"wir sind ein Landkreis und möchten wissen\"", channel: 'email', text: "Guten Tag, wir sind ein Landkreis und möchten wissen, wie hoch der Festbetrag pro Stelle ist.", intent: 'general_question', ticket: false },
  { name: "zweite Stelle nicht besetzt, verfallen die Mittel?", channel: 'email', subject: "Stellenbesetzung", text: "Die zweite Stelle konnten wir bisher nicht besetzen. Verfallen die Mittel dafür?", intent: 'application_matter', ticket: true },
  { name: "Was passiert bei unbesetzter Stelle? (allgemein)", channel: 'teams', text: "Was passiert, wenn eine Stelle längere Zeit nicht besetzt werden kann?", intent: 'general_question', ticket: false },
  { name: "No-Reply-Benachrichtigung", channel: 'email', from: "no-reply@teams.mail.microsoft", subject: "Sie haben verpasste Nachrichten", text: "Sie haben 3 verpasste Unterhaltungen in Microsoft Teams.", intent: 'other', ticket: false },
  { name: "\"Wir möchten eine zweite Integrationsmanagerin einstellen. Geht das?\"", channel: 'teams', text: "Wir möchten eine zweite Integrationsmanagerin einstellen. Geht das im laufenden Förderzeitraum?", intent: 'general_question', ticket: false },
  { name: "Dürfen wir die Mittel für Dolmetscher verwenden?", channel: 'teams', text: "Dürfen wir die Mittel auch für Dolmetscherkosten verwenden?", intent: 'general_question', ticket: false },
  { name: "Zielgruppe mit Gruß und Absender", channel: 'email', subject: "Frage Zielgruppe", text: "Guten Tag, zählen auch Personen mit Aufenthaltserlaubnis zur Zielgruppe? Viele Grüße, Landratsamt Calw", intent: 'general_question', ticket: false },
  { name: "\"Wir überlegen zu kooperieren\" + Müssen wir?", channel: 'email', subject: "Kooperation", text: "Wir überlegen, mit zwei Nachbargemeinden zu kooperieren. Müssen wir dann einen gemeinsamen Antrag stellen?", intent: 'general_question', ticket: false },
  { name: "Wann ist der Verwendungsnachweis fällig? (allgemein)", channel: 'email', subject: "Frist Verwendungsnachweis", text: "Wann ist der Verwendungsnachweis für das Jahr 2024 fällig?", intent: 'general_question', ticket: false },
  { name: "wann erfolgt die Auszahlung an die Stadt …, dringend", channel: 'email', subject: "Dringend: Auszahlung", text: "Sehr geehrte Damen und Herren, wann erfolgt die Auszahlung der zweiten Rate an die Stadt Reutlingen? Wir benötigen die Mittel dringend.", intent: 'application_matter', ticket: true, category: 'auszahlung' },
  { name: "Antrag vom … zurückziehen", channel: 'email', subject: "Antrag zurückziehen", text: "Hiermit ziehen wir unseren Antrag vom 05.02. zurück.", intent: 'application_matter', ticket: true, category: 'antrag' },
  { name: "Guten Tag", channel: 'teams', text: "Guten Tag", intent: 'other', ticket: false },
  { name: "\"Ok, danke.\"", channel: 'teams', text: "Ok, danke.", intent: 'other', ticket: false },
  { name: "Automatische Antwort mit Fall-Betreff", channel: 'email', subject: "Automatische Antwort: Fristverlängerung Verwendungsnachweis", text: "Vielen Dank für Ihre E-Mail. Ich bin bis 02.09. abwesend. Ihre Nachricht wird nicht automatisch weitergeleitet.", intent: 'other', ticket: false },
  { name: "Können wir befristet ausschreiben?", channel: 'email', subject: "Stellenausschreibung", text: "Können wir die Stelle auch befristet ausschreiben?", intent: 'general_question', ticket: false },
  { name: "Abschluss im Anhang, reicht das?", channel: 'email', subject: "Nachweis Qualifikation", text: "Im Anhang der Abschluss unserer neuen Integrationsmanagerin. Reicht das als Qualifikationsnachweis?", intent: 'application_matter', ticket: true },
  { name: "Wie rufen wir die Mittel ab? (allgemein)", channel: 'email', subject: "Mittelabruf", text: "Wie rufen wir die Mittel ab?", intent: 'general_question', ticket: false },
  { name: "Bescheid bewilligt weniger Stellen als beantragt", channel: 'email', subject: "Bescheid vom 14.06.", text: "Guten Tag, im Bescheid steht eine Förderung für 1,5 Stellen, beantragt hatten wir 2 Stellen. Ist das ein Fehler?", intent: 'application_matter', ticket: true },
  { name: "neue Integrationsmanagerin fragt nach dem Integrationsplan", channel: 'teams', text: "Hallo, ich bin neu als Integrationsmanagerin. Was muss ich im Integrationsplan dokumentieren?", intent: 'general_question', ticket: false },
  { name: "Lesebestätigung", channel: 'email', subject: "Gelesen: Fristverlängerung Verwendungsnachweis", text: "Ihre Nachricht wurde am 12.05.2025 10:14 gelesen.", intent: 'other', ticket: false },
  { name: "Terminantwort \"Angenommen:\" ohne Text", channel: 'email', subject: "Angenommen: Abstimmung Integrationsmanagement", text: "", intent: 'other', ticket: false },
  { name: "englische Vacation reply (parental leave)", channel: 'email', subject: "Vacation reply", text: "I am on parental leave until March. Your e-mail will not be forwarded.", intent: 'other', ticket: false },
  { name: "\"Abwesenheit:\"-Betreff mit Fall-Wörtern", channel: 'email', subject: "Abwesenheit: Stand unseres Antrags", text: "Ab dem 3.3. bin ich wieder für Sie da.", intent: 'other', ticket: false },
  { name: "Zustellung verzögert (postmaster)", channel: 'email', from: "postmaster@outlook.com", subject: "Zustellung verzögert: Ihre Anfrage", text: "Die Zustellung an diese Empfänger oder Gruppen ist noch nicht abgeschlossen.", intent: 'other', ticket: false },
  { name: "neue Integrationsmanagerin hat Stelle angenommen (kein Terminbetreff)", channel: 'email', subject: "Angenommene Stelle", text: "Unsere neue Integrationsmanagerin hat die Stelle angenommen und beginnt am 01.04. Was müssen wir Ihnen dazu mitteilen?", intent: 'application_matter', ticket: true },
  // Issue 9: own plans and own-case questions phrased as questions; invitations; plans that are only considered.
  { name: "zusätzliche Stelle beantragen – welche Unterlagen brauchen Sie?", channel: 'email', subject: "Zusätzliche Stelle 2026", text: "Wir möchten für 2026 eine zusätzliche halbe Stelle beantragen – welche Unterlagen brauchen Sie bis wann?", intent: 'application_matter', ticket: true },
  { name: "Vorhaben mit langem Satzteil vor dem Verb (Stellenumfang reduzieren)", channel: 'email', subject: "Änderung Stellenumfang", text: "Wir möchten die für unseren Kreis bewilligte Vollzeitstelle im Integrationsmanagement ab dem 1. Juli auf 0,75 VZÄ reduzieren. Welche Unterlagen benötigen Sie dafür?", intent: 'application_matter', ticket: true },
  { name: "eigener Bescheid in einem Bindestrich-Wort (IM-Bescheid)", channel: 'teams', text: "Hallo, wie rufen wir die Mittel für unseren aktuellen IM-Bescheid ab? Das Formular vom letzten Jahr passt nicht mehr zu den bewilligten Stellen.", intent: 'application_matter', ticket: true },
  { name: "Vorwissen mit \"grundsätzlich\" ist keine Regelfrage; eigener Bescheid, Änderung von Ihnen", channel: 'email', subject: "Rückfrage IM", text: "Guten Morgen,\n\nab Herbst soll das Integrationsmanagement in zwei unserer Kommunen von einem freien Träger durchgeführt werden. Soweit wir wissen, ist eine Übertragung an Dritte grundsätzlich möglich.\n\nWie gehen wir bei unserem laufenden Bescheid vor – brauchen wir dafür eine Änderung von Ihnen?\n\nFreundliche Grüße\nSozialdezernat\nLandratsamt Böblingen", intent: 'application_matter', ticket: true },
  { name: "Dank mit \"Damit ist unsere Frage geklärt\"", channel: 'email', subject: "AW: Frage Stellenteilung", text: "Vielen Dank für die schnelle und hilfreiche Antwort! Damit ist unsere Frage geklärt.\n\nViele Grüße\n\nSozialamt\nStadt Ditzingen", intent: 'other', ticket: false },
  { name: "Dank, aber eine neue Frage bleibt eine Frage", channel: 'email', subject: "AW: Frage Stellenteilung", text: "Vielen Dank für die Antwort! Eine Frage hätten wir noch: gilt das auch für halbe Stellen?\n\nViele Grüße\nStadt Ditzingen", intent: 'general_question', ticket: false },
  { name: "Fußzeile eines Virenscanners macht keine automatische Antwort", channel: 'email', subject: "Rückfrage IM", text: "Sehr geehrte Damen und Herren,\n\nnach welchem Schlüssel wurden die Mittel der Soforthilfe 2022 auf die Stadt- und Landkreise verteilt?\n\nVielen Dank!\nKreiskämmerei\n\nHinweis: Diese Nachricht wurde automatisch auf Viren geprüft.", intent: 'general_question', ticket: false },
  { name: "\"Diese Nachricht wurde automatisch erstellt\" bleibt eine automatische Nachricht", channel: 'email', subject: "Eingangsbestätigung", text: "Diese Nachricht wurde automatisch erstellt. Bitte antworten Sie nicht auf diese E-Mail.", intent: 'other', ticket: false },
  { name: "Dank für eine Antwort mit Beiwörtern, Frage geklärt, Antwort im Betreff", channel: 'email', subject: "AW: Ihre Anfrage zur Stellenteilung", text: "Sehr geehrte Damen und Herren,\n\nvielen Dank für Ihre schnelle und hilfreiche Antwort. Damit ist unsere Frage geklärt.\n\nMit freundlichen Grüßen\n\nSozialamt\nStadt Ehingen (Donau)", intent: 'other', ticket: false },
  { name: "Nur ein Gruß, Betreff nur der Programmname", channel: 'teams', subject: "Chat: Integrationsmanagement", text: "Hallo zusammen 👋", intent: 'other', ticket: false },
  { name: "Krankmeldung der geförderten Person mit Frage nach der Meldepflicht", channel: 'teams', subject: "", text: "Hallo, kurze Info: Unser geförderter Integrationsmanager ist ab Montag für voraussichtlich drei Monate krankgeschrieben. Müssen wir das irgendwo melden?", intent: 'application_matter', ticket: true },
  { name: "Elternzeit als Gedankenspiel: eine Regelfrage", channel: 'teams', subject: "", text: "Was passiert mit der Förderung, wenn unsere Integrationsmanagerin in Elternzeit geht?", intent: 'general_question', ticket: false },
  { name: "Geplante Übertragung der eigenen geförderten Stelle an einen Träger", channel: 'email', from: "integration@gemeinde.example", subject: "Trägerwechsel Integrationsmanagement", text: "Hallo,\n\nwir möchten unsere geförderte Integrationsmanagement-Stelle ab Juli nicht mehr selbst besetzen, sondern an einen Wohlfahrtsverband in unserer Nähe übertragen. Ist so eine Übertragung an einen freien Träger überhaupt erlaubt, und was müssen wir bei unserem laufenden Bescheid dafür tun?\n\nGrüße\nIntegrationsmanagement\nGemeinde Musterhausen", intent: 'application_matter', ticket: true },
  { name: "Regelfrage der eigenen Integrationsmanager, dann „Können Sie mir das kurz sagen?“", channel: 'email', subject: "Kennzahlen", text: "Sehr geehrte Damen und Herren,\n\nunsere Integrationsmanager haben mich gefragt, bis wann die Kennzahlen für das vergangene Jahr bei Ihnen sein müssen und wie oft sie überhaupt gemeldet werden. Können Sie mir das kurz sagen?\n\nVielen Dank\nSozialamt\nGemeinde Musterhausen", intent: 'general_question', ticket: false },
  { name: "Bitte, den Eingang des eigenen Nachweises zu bestätigen", channel: 'email', subject: "Verwendungsnachweis", text: "Guten Tag,\n\nwir haben unseren Verwendungsnachweis letzte Woche per Post geschickt. Können Sie uns das bitte bestätigen?\n\nGrüße\nGemeinde Musterhausen", intent: 'application_matter', ticket: true },
  { name: "Hat sich erledigt, Unterlagen doch gefunden", channel: 'email', from: "integration@stadt.example", subject: "AW: Rückfrage Sachbericht", text: "Hat sich erledigt, wir haben die fehlenden Unterlagen doch noch gefunden. Danke trotzdem!\n\nAbteilung Integration\nStadt Musterhausen", intent: 'other', ticket: false },
  { name: "Hat sich erledigt, Unterlagen anbei", channel: 'email', from: "integration@stadt.example", subject: "AW: Rückfrage Sachbericht", text: "Hat sich erledigt, anbei die fehlenden Unterlagen.\n\nAbteilung Integration\nStadt Musterhausen", intent: 'application_matter', ticket: true },
  { name: "Dank nach einer Anrede mit Referatsnummer", channel: 'email', subject: "Vielen Dank", text: "Liebes Team des Referats 15.2,\n\nherzlichen Dank für Ihre ausführliche Antwort. Damit ist für uns alles geklärt.\n\nViele Grüße\nGemeinde Steinach", intent: 'other', ticket: false },
  { name: "Antwort nur mit „siehe Anhang“ unter Aktenzeichen ist kein Gruß", channel: 'email', subject: "AW: Verwendungsnachweis 2024 – Aktenzeichen 14-2026-0815", text: "Guten Tag,\n\nsiehe Anhang.\n\nViele Grüße\nGemeinde Altdorf", intent: 'application_matter', ticket: true },
  { name: "Nur „siehe Anhang“ ohne Betreff: Unterlagen, kein fachfremdes Anliegen", channel: 'email', subject: "", text: "Guten Tag,\n\nsiehe Anhang.\n\nGrüße\nGemeinde Altdorf", intent: 'application_matter', ticket: true },
  { name: "Werbung mit Rabatt und Antwort mit JA", channel: 'email', subject: "Mehr Sichtbarkeit für Ihre Gemeinde – jetzt 20 % Rabatt!", text: "Sehr geehrte Damen und Herren,\n\nwird Ihre Gemeinde im Internet gefunden? Mit unserem SEO-Paket stehen Sie ganz oben. Nur diesen Monat: 20 % Rabatt. Antworten Sie einfach mit „JA“ und wir melden uns.\n\nIhr Team Sichtbar", intent: 'other', ticket: false },
  { name: "Frage zu Fortbildungskosten mit Rabatt des Anbieters bleibt eine Frage", channel: 'email', subject: "Fortbildungskosten", text: "Guten Tag,\n\nein Anbieter gewährt uns Rabatt auf eine Fortbildung für unsere Integrationsmanagerin. Sind Fortbildungskosten im Integrationsmanagement förderfähig?\n\nViele Grüße\nStadt Musterhausen", intent: 'general_question', ticket: false },
  { name: "Phishing: Postfach fast voll, Konto über Link bestätigen", channel: 'email', subject: "Ihr Postfach ist fast voll – jetzt bestätigen", text: "Sehr geehrter Nutzer,\n\nIhr E-Mail-Postfach hat 98 % seiner Kapazität erreicht. Um den Verlust eingehender Nachrichten zu vermeiden, bestätigen Sie bitte innerhalb von 24 Stunden Ihr Konto über den folgenden Link.\n\nIT-Support", intent: 'other', ticket: false },
  { name: "Frage nach dem Funktionspostfach ist kein Spam", channel: 'email', subject: "Postfach für Anträge", text: "Guten Tag, an welches Postfach schicken wir den Antrag auf Förderung des Integrationsmanagements?\n\nGemeinde Altdorf", intent: 'general_question', ticket: false },
  { name: "Weitergeleitete Frage unter einer Notiz ohne eigene Frage", channel: 'email', subject: "WG: Volumen Pakt für Integration 2017/2018", text: "Sehr geehrte Damen und Herren,\n\nzur Vorbereitung eines Berichts leite ich Ihnen eine Frage unserer Amtsleitung weiter.\n\nFreundliche Grüße\nKämmerei\nStadt Fellbach\n\n-----Weitergeleitete Nachricht-----\nVon: Amtsleitung Kämmerei\nAn: Sachgebiet Zuschüsse\nBetreff: Volumen Pakt für Integration 2017/2018\n\nWie viel hat das Land in den Jahren 2017 und 2018 pro Jahr für den Pakt für Integration bereitgestellt?", intent: 'general_question', ticket: false },
  { name: "Fehler in bereits übermittelten Kennzahlen (an Sie übermittelt)", channel: 'email', subject: "Korrektur Kennzahlen", text: "Sehr geehrte Damen und Herren,\n\nin den Kennzahlen, die wir im Januar an Sie übermittelt haben, ist uns ein Übertragungsfehler unterlaufen. Wir möchten eine korrigierte Fassung nachreichen. Wie sollen wir dabei vorgehen?\n\nMit freundlichen Grüßen\nAbteilung Integration\nStadt Waiblingen", intent: 'application_matter', ticket: true },
  { name: "Jahr allein (2021) ist kein konkretes Datum", channel: 'email', subject: "WG: Info", text: "Sehr geehrte Damen und Herren,\n\nunsere Integrationsmanagerinnen haben gehört, dass es 2021 einen digitalen Austausch für Integrationsmanager gab. Wann fand diese Online-Konferenz statt? Und welche Themen standen dort im Mittelpunkt?\n\nMit freundlichen Grüßen\nStabsstelle Integration\nStadt Schorndorf", intent: 'general_question', ticket: false },
  { name: "Zeitraum (2020/2021) ist kein konkretes Datum", channel: 'teams', text: "Hallo, ich habe in unserer Akte einen Vermerk zur Weiterführung 2020/2021 gefunden. Um wie viele Monate konnten die damals bewilligten oder nachbesetzbaren IM-Stellen auf Antrag verlängert werden?", intent: 'general_question', ticket: false },
  { name: "Jahr als Name der Vorschrift (VwV 2023) ist kein konkretes Datum", channel: 'teams', text: "kurz nachgefragt: laufen unsere bestehenden IM-Stellen nach der VwV 2023 im gleichen Umfang weiter, und bis wann ist das gesichert?", intent: 'general_question', ticket: false },
  { name: "schaffen den VN nicht – Abgabe später in Ordnung?", channel: 'email', subject: "Verwendungsnachweis", text: "Wegen eines Personalausfalls schaffen wir den Verwendungsnachweis nicht bis Ende Juni. Wäre eine Abgabe Mitte Juli noch in Ordnung?", intent: 'application_matter', ticket: true },
  { name: "Dürfen wir in unserem Fall …?", channel: 'email', subject: "Vertretung", text: "Dürfen wir in unserem Fall eine befristete Vertretung über die Förderung finanzieren?", intent: 'application_matter', ticket: true },
  { name: "Einladung zum Fachtag", channel: 'email', from: "info@verband.example", subject: "Einladung Fachtag Integration", text: "Liebe Kolleginnen und Kollegen, wir laden Sie herzlich zu unserem Fachtag Integration am 12. März ein. Anmeldung unter www.verband.example/fachtag.", intent: 'other', ticket: false },
  { name: "Trägerwechsel – was müssen wir Ihnen mitteilen?", channel: 'email', subject: "Trägerwechsel", text: "Ab Januar soll die Caritas statt der Stadt das Integrationsmanagement übernehmen. Was müssen wir Ihnen dazu mitteilen?", intent: 'application_matter', ticket: true },
  { name: "Stelle beantragen + Antragsfrist? (Regelfrage)", channel: 'teams', text: "Wir möchten eine Stelle beantragen. Bis wann läuft die Antragsfrist?", intent: 'general_question', ticket: false },
  { name: "wir überlegen aufzustocken + Obergrenze? (Regelfrage)", channel: 'email', subject: "Frage", text: "Wir überlegen, unsere Stelle aufzustocken. Gibt es eine Obergrenze für den Stellenumfang?", intent: 'general_question', ticket: false },
  { name: "eigene Lage geschildert, gefragt wird grundsätzlich", channel: 'email', subject: "Förderbeginn", text: "Unsere neue Integrationsmanagerin hat am 1. April angefangen, den Bescheid haben wir erst im Juni bekommen. Ab wann wird eine Stelle grundsätzlich gefördert?", intent: 'general_question', ticket: false },
  { name: "Bitte um Fristverlängerung, mit \"grundsätzlich\" begründet", channel: 'email', subject: "Frist VN", text: "Grundsätzlich halten wir Fristen ein, aber unsere Kollegin ist erkrankt. Können Sie die Frist für unseren Verwendungsnachweis bis Ende Juli verlängern?", intent: 'application_matter', ticket: true },
  { name: "neue Integrationsmanagerin fragt nach der Regel (eigener Kontext zweimal)", channel: 'email', subject: "Kennzahlen", text: "Unsere Integrationsmanagerin ist neu bei uns und fragt, bis wann die Kennzahlen für das Vorjahr gemeldet werden müssen.", intent: 'general_question', ticket: false },
  { name: "eigener Kontext und eine Handlung gegenüber dem RP: ein Vorgang", channel: 'email', subject: "Neue Integrationsmanagerin", text: "Zum 1. April beginnt bei uns eine neue Integrationsmanagerin. Reicht es, wenn wir Ihnen den Arbeitsvertrag schicken?", intent: 'application_matter', ticket: true },
  { name: "Dank mit Gruß und Signatur im Antwort-Thread, ohne Frage", channel: 'email', from: "integration@stadt.example", subject: "AW: Ihre Anfrage zum Sachbericht", text: "Guten Tag,\n\nvielen Dank für die schnelle und ausführliche Antwort, damit ist für uns alles geklärt.\n\nFreundliche Grüße\nStabsstelle Integration\nStadt Musterhausen", intent: 'other', ticket: false },
];

describe(`${triage.name}: realistic cases`, () => {
  it.each(CASES)('$name → $intent', (c) => {
    const input: TriageInput = { channel: c.channel, from: c.from ?? 'im@gemeinde.example', subject: c.subject, text: c.text };
    const result = triage(input, { answerer, router });
    expect({ intent: result.intent, ticket: result.ticket }).toEqual({ intent: c.intent, ticket: c.ticket });
    if (c.category !== undefined) expect(result.ticketCategory).toBe(c.category);
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  it('has at least 30 cases beyond the development set', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
});

interface DevLine extends TriageInput {
  id: string;
  expect: { intent: Intent; ticket: boolean };
}

const devSet = readFileSync(new URL('../../eval/triage.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as DevLine);

describe(`${triage.name}: development set with fakes`, () => {
  it.each(devSet)('$id: $text', (line) => {
    const result = triage(line, { answerer, router });
    expect({ intent: result.intent, ticket: result.ticket }).toEqual(line.expect);
    expect(result.id).toBe(line.id);
  });
});
