/**
 * The anonymiser on enquiries that contain each kind of personal data (issue 14): names, addresses, phone
 * numbers, e-mail addresses, file numbers and ticket numbers; and on questions whose content must survive.
 */
import { describe, expect, it } from 'vitest';
import { anonymise, looksPersonal } from '../../../src/knowledge-loop/anonymise.js';

describe('anonymise', () => {
  it.each([
    ['names after a salutation', 'Sehr geehrte Frau Dr. Müller-Lüdenscheidt, wir haben eine Frage.', 'Sehr geehrte Frau Dr. [Name], wir haben eine Frage.', ['Müller', 'Lüdenscheidt']],
    ['Herrn with particles', 'Ich habe mit Herrn von der Heide telefoniert.', 'Ich habe mit Herrn [Name] telefoniert.', ['Heide']],
    ['an introduction', 'Mein Name ist Anna Schmidt und ich bin Integrationsmanagerin.', 'Mein Name ist [Name] und ich bin Integrationsmanagerin.', ['Anna', 'Schmidt']],
    ['a first-name greeting', 'Hallo Jan, kurze Frage zur Stellenteilung?', 'Hallo [Name], kurze Frage zur Stellenteilung?', ['Jan']],
    ['a signature name', 'Wie lang ist die Frist?\nViele Grüße\nKatrin Berger', 'Wie lang ist die Frist?\nViele Grüße\n[Name]', ['Katrin', 'Berger']],
    ['street address', 'Unsere Adresse ist Hauptstraße 12a, bitte dorthin.', 'Unsere Adresse ist [Adresse], bitte dorthin.', ['Hauptstraße']],
    ['abbreviated street and hyphenated name', 'Karl-Benz-Str. 5, 71034 Böblingen', '[Adresse], [PLZ Ort]', ['Benz', '71034', 'Böblingen']],
    ['Am + street', 'Rathaus, Am Marktplatz 3, 97877 Wertheim am Main', 'Rathaus, [Adresse], [PLZ Ort]', ['Marktplatz', 'Wertheim']],
    ['phone after a keyword', 'Erreichbar unter Tel.: 0711 904-15200.', 'Erreichbar unter Tel.: [Telefon].', ['904']],
    ['an international phone number', 'Rückruf bitte an +49 (0)7131 99 42 17', 'Rückruf bitte an [Telefon]', ['99 42']],
    ['a bare phone number', 'mobil erreichbar: 0151/23456789', 'mobil erreichbar: [Telefon]', ['23456789']],
    ['e-mail addresses', 'Bitte an anna.schmidt@gemeinde-musterhausen.de antworten.', 'Bitte an [E-Mail] antworten.', ['schmidt', 'musterhausen']],
    ['a file number after Az.', 'Zu unserem Antrag Az. 15.2-1234/2025 fehlt der Bescheid.', 'Zu unserem Antrag Az. [Aktenzeichen] fehlt der Bescheid.', ['1234']],
    ['Aktenzeichen with letters and spaces', 'Aktenzeichen: RPS15 - 8654.12/2024 bitte beachten', 'Aktenzeichen: [Aktenzeichen] bitte beachten', ['8654']],
    ['a free-standing file number', 'Betrifft 15.2-0815/2026', 'Betrifft [Aktenzeichen]', ['0815']],
    ['a ticket number', 'Zu IM-2026-000123 noch eine Frage', 'Zu [Vorgangsnummer] noch eine Frage', ['000123']],
    ['an IBAN', 'Bitte auf DE89 3704 0044 0532 0130 00 überweisen', 'Bitte auf [IBAN] überweisen', ['3704']],
  ])('removes %s', (_label, input, expected, gone) => {
    const out = anonymise(input);
    expect(out).toBe(expected);
    for (const fragment of gone) expect(out).not.toContain(fragment);
  });

  it('removes every kind from one whole enquiry', () => {
    const enquiry = [
      'Sehr geehrter Herr Meier,',
      'wir (Gemeinde Musterhausen, Schulstraße 4, 74821 Mosbach) haben zum Bescheid Az. 15.2-4711/2025 eine Frage:',
      'Dürfen wir die Stelle teilen? Rückfragen gern an 06261 84-1234 oder j.wagner@mosbach.de.',
      'Mit freundlichen Grüßen',
      'Julia Wagner',
    ].join('\n');
    const out = anonymise(enquiry);
    for (const fragment of ['Meier', 'Schulstraße', '74821', '4711', '06261', 'wagner@', 'Julia', 'Wagner']) expect(out).not.toContain(fragment);
    expect(out).toContain('Dürfen wir die Stelle teilen?');
    expect(looksPersonal(out)).toBe(false);
    expect(looksPersonal(enquiry)).toBe(true);
  });

  it.each([
    'Wie hoch ist die Förderung für 0,5 VZÄ im Jahr 2026?',
    'Gilt Nr. 5.2 der VwV auch für Teilzeit?',
    'Bis zum 30.06.2026 muss der Verwendungsnachweis vorliegen, oder?',
    'Können wir 50.000 Euro für zwei Stellen beantragen?',
    'Ist Frau oder Mann als Integrationsmanager gleich gefördert?',
    'Was muss Frau Bürgermeisterin unterschreiben?',
  ])('keeps a question without personal data unchanged: %s', (question) => {
    expect(anonymise(question)).toBe(question);
  });
});
