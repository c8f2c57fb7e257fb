/**
 * The fixture corpus (test/fixtures/mail) through the parser and the loop guard: what each real-world-shaped
 * mail becomes. The same files run end to end against Dovecot in test/integration/email.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guardMail, type SuppressReason } from '../../../src/channels/email/loop-guard.js';
import { parseMail, toEnquiry } from '../../../src/channels/email/parse.js';

const DIR = new URL('../../../test/fixtures/mail/', import.meta.url).pathname;
const OWN = ['integrationsmanagement@rps.bwl.de', 'im-postfach@rps.bwl.de'];

interface Expect {
  subject?: string;
  text: string | RegExp;
  signature?: RegExp;
  guard: SuppressReason | null;
  ticket?: string;
  attachments?: number;
  replyTo?: string;
}

const CORPUS: Record<string, Expect> = {
  '01-plain-question-de.eml': { text: /bis wann muss der Verwendungsnachweis/, signature: /Gemeinde Altdorf/, guard: null },
  '02-iso-8859-1.eml': { subject: 'Antrag zusätzliche Stelle', text: /wir möchten für 2026 eine zusätzliche Stelle/, signature: /Bürgermeisteramt Weißach/, guard: null },
  '03-windows-1252.eml': { text: /„Integrationsmanagement“ hat 2025 ca\. 12\.500 € Restmittel – dürfen/, signature: /Böblingen/, guard: null },
  '04-encoded-word-subject.eml': { subject: 'Förderung für kleine Gemeinden über Kreisgrenzen', text: /Förderung auch für Gemeinden/, guard: null },
  '05-outlook-html-only.eml': { subject: 'Fördersatz', text: /wie hoch ist der Fördersatz pro Vollzeitstelle/, signature: /Landratsamt Tübingen/, guard: null },
  '06-forwarded-gmail.eml': { text: /^Guten Abend, wer ist in Altdorf/, guard: null },
  '07-forwarded-outlook-de.eml': { text: /ist eine Teilzeitstelle \(50 %\) förderfähig\?$/, signature: /Ludwigsburg/, guard: null },
  '08-reply-chain-de.eml': { text: 'Vielen Dank für die schnelle Antwort. Gilt die Frist auch, wenn die Stelle erst im Juli besetzt wurde?', guard: null },
  '09-reply-outlook-ticket-number.eml': { text: /Reicht das so\?$/, signature: /Sindelfingen/, guard: null, ticket: 'IM-2026-000123' },
  '10-reply-chain-en.eml': { text: 'Thank you. One more question: can the funding also cover translation costs?', signature: /Esslingen/, guard: null },
  '11-reply-outlook-en.eml': { text: 'Hello,\n\nis there an English version of the application form?', guard: null },
  '12-ooo-de-exchange.eml': { text: /nicht im Büro/, guard: 'auto_submitted', ticket: 'IM-2026-000123' },
  '13-ooo-en.eml': { text: /out of the office/, guard: 'auto_submitted' },
  '14-ooo-de-subject-only.eml': { text: /im Urlaub/, guard: 'auto_reply_subject' },
  '15-dsn-bounce.eml': { text: /could not/, guard: 'mailer_daemon', attachments: 1 },
  '16-newsletter.eml': { subject: 'Newsletter Integration März 2026', text: /Neues aus den Kommunen/, guard: 'precedence' },
  '17-no-message-id.eml': { text: /Formular für den Mittelabruf/, guard: null },
  '18-empty-body.eml': { text: 'Frage zur Antragsfrist', guard: null },
  '19-only-attachment.eml': { text: /Anhänge: Sachbericht_2025\.pdf/, guard: null, attachments: 1 },
  '20-own-address.eml': { text: /vielen Dank/, guard: 'own_address', ticket: 'IM-2026-000200' },
  '21-two-of-our-addresses.eml': { text: /Stellungnahme des Kreises\?$/, guard: null },
  '22-noreply-sender.eml': { text: /erfolgreich eingereicht/, guard: 'no_reply_sender' },
  '23-staff-answer-outlook.eml': { text: /ist ausreichend\. Wir nehmen sie zu den Akten\.$/, guard: 'staff_sender', ticket: 'IM-2026-000123' },
  '24-x-loop-ours.eml': { text: /vielen Dank/, guard: 'x_loop' },
  '25-multipart-alternative.eml': { text: /Elternzeitvertretung gefördert werden\?$/, signature: /Landratsamt Böblingen/, guard: null, attachments: 1 },
  '26-precedence-junk.eml': { text: 'Jetzt bestellen!', guard: 'precedence' },
  '27-reply-to.eml': { text: /zweite Rate/, guard: null, replyTo: 'kaemmerei@leonberg.example' },
  '28-reply-to-staff-answer.eml': { text: 'Vielen Dank, dann ist alles klar.', guard: null, ticket: 'IM-2026-000123' },
};

describe('mail fixture corpus', () => {
  it('has at least 25 real-world-shaped mails, each with an expectation', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const f of files) if (!f.startsWith('29-')) expect(Object.keys(CORPUS)).toContain(f);
  });

  it.each(Object.entries(CORPUS))('%s', async (file, want) => {
    const mail = await parseMail(readFileSync(DIR + file));
    const enquiry = toEnquiry(mail, new Date('2026-03-04T08:00:00Z'), null);
    if (want.subject !== undefined) expect(enquiry.subject).toBe(want.subject);
    if (typeof want.text === 'string') expect(enquiry.text).toBe(want.text);
    else expect(enquiry.text).toMatch(want.text);
    if (want.signature) expect(enquiry.signature).toMatch(want.signature);
    expect(enquiry.ticketNumber).toBe(want.ticket);
    expect(enquiry.attachments).toHaveLength(want.attachments ?? 0);
    expect(enquiry.key).toMatch(/^email:/);
    if (want.replyTo) expect(enquiry.replyHandle).toMatchObject({ channel: 'email', to: want.replyTo });
    const verdict = guardMail({
      headers: mail.headers,
      from: mail.from,
      returnPath: mail.headers['return-path'],
      subject: mail.subject,
      contentType: mail.contentType,
      ownAddresses: OWN,
      repliesToSenderToday: 0,
      maxRepliesPerDay: 5,
    });
    expect(verdict.suppress ? verdict.reason : null).toBe(want.guard);
  });

  it('keys a mail without Message-ID by a content hash, stable across parses', async () => {
    const raw = readFileSync(DIR + '17-no-message-id.eml');
    const [a, b] = await Promise.all([parseMail(raw), parseMail(raw)]);
    expect(a.key).toMatch(/^email:sha256:[0-9a-f]{64}$/);
    expect(a.key).toBe(b.key);
  });

  it('finds the bounced Message-ID inside a delivery report', async () => {
    const mail = await parseMail(readFileSync(DIR + '15-dsn-bounce.eml'));
    expect(mail.reportedIds).toEqual(['<pakt.0123456789abcdef0123456789abcdef@rps.bwl.de>']);
  });

  it('rejects a file that is no mail at all with MAIL_PARSE_FAILED', async () => {
    await expect(parseMail(readFileSync(DIR + '29-garbage-not-a-mail.eml'))).rejects.toMatchObject({ code: 'MAIL_PARSE_FAILED' });
  });
});
