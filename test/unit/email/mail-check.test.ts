/**
 * `mail check` (CONTRACTS §3) on German mail written for this project (test/fixtures/mail/de): the guard's
 * mechanisms on real-shaped mail, the question the bot would read, and the command's output and exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SuppressReason } from '../../../src/channels/email/loop-guard.js';
import { checkMessage, mailCommand, type MailCheckOptions } from '../../../src/cli/commands/mail.js';
import type { CliContext } from '../../../src/cli/context.js';

const DIR = new URL('../../fixtures/mail/de/', import.meta.url).pathname;
const OPTIONS: MailCheckOptions = { ownAddresses: ['integrationsmanagement@rps.bwl.de'], maxBytes: 25 * 1024 * 1024, maxRepliesPerDay: 5 };

type Want = { suppress: SuppressReason } | { question: string | RegExp; ticketNumber?: string };

const FIXTURES: Record<string, Want> = {
  'exchange-automatische-antwort.eml': { suppress: 'auto_reply_subject' },
  'lotus-abwesenheit.eml': { suppress: 'auto_reply_subject' },
  'liste-mailman.eml': { suppress: 'mailing_list' },
  'liste-ezmlm.eml': { suppress: 'mailing_list' },
  'liste-majordomo.eml': { suppress: 'mailing_list' },
  'beschwerde-nicht-multipart-report.eml': { suppress: 'complaint_report' },
  'beschwerde-feedback-type-text.eml': { suppress: 'complaint_report' },
  'unzustellbar-betreff.eml': { suppress: 'bounce_subject' },
  'returned-mail-transkript.eml': { suppress: 'mailer_daemon' },
  'relay-reply-to-eigene-adresse.eml': { suppress: 'own_address' },
  'relay-reply-to-mailer-daemon.eml': { suppress: 'mailer_daemon' },
  'absenderpruefung.eml': { suppress: 'challenge_response' },
  'autoreply-header.eml': { suppress: 'auto_reply_header' },
  'lotus-antwort-von-ohne-leerzeichen.eml': {
    question: 'Guten Morgen,\n\nkönnen wir den Stellenanteil im laufenden Jahr von 50 % auf 75 % erhöhen, ohne einen neuen Antrag zu stellen?',
    ticketNumber: 'IM-2026-000322',
  },
  'gmail-zitatkopf-umbrochen.eml': { question: 'Danke für die schnelle Antwort. Dürfen die Kosten für Dolmetscher auch bei Elterngesprächen abgerechnet werden?' },
  'unten-geantwortet.eml': {
    question: 'Vielen Dank. Genügt es, den Sachbericht als PDF per E-Mail zu schicken, oder brauchen Sie ihn unterschrieben im Original?',
    ticketNumber: 'IM-2026-000330',
  },
  'zwischen-den-zeilen.eml': {
    question: 'Guten Tag,\n\nSeit dem 01.02.2026.\n\nMit 80 Prozent.\n\nDie Stelle ist bis 31.12.2027 befristet. Zählt das als Befristung im Sinne der Förderrichtlinie?',
    ticketNumber: 'IM-2026-000331',
  },
  'outlook-urspruengliche-nachricht-ohne-leerzeichen.eml': {
    question: 'Hallo zusammen,\n\nbis wann muss der Mittelabruf für das zweite Halbjahr bei Ihnen eingegangen sein?',
    ticketNumber: 'IM-2026-000340',
  },
  'outlook-kopfblock-einzeilig.eml': { question: 'Guten Tag,\nsind Fortbildungskosten der Integrationsmanagerin förderfähig?' },
  'kaputte-boundary.eml': { question: 'Guten Tag, wann wird die zweite Rate für 2026 ausgezahlt?' },
  'mensch-heikle-betreffe.eml': { question: /Wer darf in dieser Zeit den Verwendungsnachweis unterschreiben\?$/ },
};

describe(checkMessage.name, () => {
  it.each(Object.entries(FIXTURES))('%s', async (file, want) => {
    const result = await checkMessage(file, readFileSync(DIR + file), OPTIONS);
    if ('suppress' in want) {
      expect(result).toMatchObject({ verdict: 'suppress', reason: want.suppress });
      return;
    }
    expect(result).toMatchObject({ verdict: 'reply', reason: null, ticketNumber: want.ticketNumber ?? null });
    if (typeof want.question === 'string') expect(result.question).toBe(want.question);
    else expect(result.question).toMatch(want.question);
  });

  it('quarantines a mail over the channel size limit without reading it', async () => {
    const result = await checkMessage('big.eml', readFileSync(DIR + 'unten-geantwortet.eml'), { ...OPTIONS, maxBytes: 100 });
    expect(result).toEqual({ file: 'big.eml', verdict: 'quarantine', reason: 'too_large', question: null, ticketNumber: null });
  });

  it('quarantines a file that is no mail', async () => {
    const result = await checkMessage('x', Buffer.from('\u0000\u0001 just bytes'), OPTIONS);
    expect(result).toMatchObject({ verdict: 'quarantine', reason: 'unparseable', question: null });
  });
});

function capture(): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const config = { MAIL_FROM: 'integrationsmanagement@rps.bwl.de', MAIL_OWN_ADDRESSES: [], MAIL_MAX_BYTES: 25 * 1024 * 1024, MAIL_AUTO_REPLIES_PER_DAY: 5 };
  const ctx = { config, logger: undefined, out: (t: string) => out.push(t), err: (t: string) => err.push(t) } as unknown as CliContext;
  return { ctx, out, err };
}

describe('mail check command', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pakt-mail-check-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes one JSON line per message, folders recursively, an error result for an unreadable file, and goes on', async () => {
    writeFileSync(join(tmp, 'README.md'), '# not a mail');
    symlinkSync(join(tmp, 'does-not-exist.eml'), join(tmp, 'broken.eml'));
    const { ctx, out } = capture();
    const code = await mailCommand(['check', DIR, tmp, '--json'], ctx);
    expect(code).toBe(0);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(Object.keys(FIXTURES).length + 1);
    expect(lines.find((l) => l.file === 'kaputte-boundary.eml')).toEqual({
      file: 'kaputte-boundary.eml',
      verdict: 'reply',
      reason: null,
      question: 'Guten Tag, wann wird die zweite Rate für 2026 ausgezahlt?',
      ticketNumber: null,
    });
    expect(lines.at(-1)).toMatchObject({ file: 'broken.eml', code: 'INPUT_INVALID' });
  });

  it('prints a German summary without --json', async () => {
    const { ctx, out } = capture();
    expect(await mailCommand(['check', DIR], ctx)).toBe(0);
    const text = out.join('');
    expect(text).toContain(`${Object.keys(FIXTURES).length} Nachricht(en) geprüft: 8 beantworten, 13 unterdrücken, 0 Quarantäne, 0 nicht lesbar.`);
    expect(text).toMatch(/3 {2}Mailingliste \(mailing_list\)/);
  });

  it('prints its usage on --help and exits 0', async () => {
    const { ctx, err } = capture();
    expect(await mailCommand(['check', '--help'], ctx)).toBe(0);
    expect(err.join('')).toContain('mail check PFAD');
  });

  it('exits 2 for a missing subcommand or path, and for a path that does not exist (after checking the others)', async () => {
    expect(await mailCommand([], capture().ctx)).toBe(2);
    expect(await mailCommand(['check'], capture().ctx)).toBe(2);
    expect(await mailCommand(['check', DIR, '--bogus'], capture().ctx)).toBe(2);
    const { ctx, out } = capture();
    expect(await mailCommand(['check', join(tmp, 'nope'), join(DIR, 'unten-geantwortet.eml'), '--json'], ctx)).toBe(2);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ code: 'INPUT_INVALID' });
    expect(lines[1]).toMatchObject({ verdict: 'reply' });
  });
});
