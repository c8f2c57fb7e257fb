/**
 * Data-subject export and anonymisation pick a person's replies by the exact enquiry they answer (issue 10,
 * migration tickets-004): a second requester whose Message-ID begins with the first one's key and a colon
 * is neither exported with the first nor anonymised with the first's enquiries. A mail address is looked up
 * without regard to case (stored lower-case; typed as the person writes it), a Teams id exactly. Real SQLite file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ticketsCommand } from '../../../src/cli/commands/tickets.js';
import type { CliContext } from '../../../src/cli/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import { parseConfig } from '../../../src/server/config.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { runRetention } from '../../../src/tickets/retention.js';
import { FakeClock } from '../../fakes/clock.js';
import { makeEnquiry } from '../../fakes/factories.js';
import { APPLICATION_TEXT, openStack, tempDir } from './stack.js';

const QUESTION = 'Wie hoch ist die Förderung?';

/** Two answered enquiries whose keys share a prefix: "email:q@x" and "email:q@x:2". */
function twoRequesters(receivedAt: Date) {
  const mail = (from: string, id: string) =>
    makeEnquiry({ key: `email:${id}`, from, text: QUESTION, receivedAt, replyHandle: { channel: 'email', to: from, messageId: `<${id}>`, references: [], subject: 'Frage' } });
  return { first: mail('erika@gemeinde.example', 'q@x'), second: mail('max@anderswo.example', 'q@x:2') };
}

describe('requester export and anonymisation by exact enquiry key', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('exports only the requester\'s own replies when another Message-ID starts with their key', async () => {
    const s = openStack(join(tmp.dir, 'pakt.db'));
    const { first, second } = twoRequesters(s.clock.now());
    expect((await s.enquire(first)).kind).toBe('answered');
    expect((await s.enquire(second)).kind).toBe('answered');

    const erika = await s.stores.tickets.exportRequester('erika@gemeinde.example');
    expect(erika.replies?.map((r) => r.key)).toEqual(['email:q@x:auto_answer']);
    expect(JSON.stringify(erika)).not.toContain('max@anderswo');
    const max = await s.stores.tickets.exportRequester('max@anderswo.example');
    expect(max.replies?.map((r) => r.key)).toEqual(['email:q@x:2:auto_answer']);
    s.close();
  });

  it('anonymises only the old enquiry\'s replies, not those of a newer enquiry sharing the prefix', async () => {
    const clock = new FakeClock('2025-03-03T08:00:00.000Z');
    const s = openStack(join(tmp.dir, 'pakt.db'), { clock });
    const { first } = twoRequesters(clock.now());
    await s.enquire(first);
    const { second } = twoRequesters(new Date('2026-03-09T08:00:00.000Z'));
    await s.enquire(second);

    expect((await runRetention(new Date('2026-03-10T08:00:00.000Z'), { store: s.stores.tickets, logger: silentLogger })).enquiries).toBe(1);
    const handles = s.db.prepare('SELECT key, reply_handle FROM outbox ORDER BY id').all() as { key: string; reply_handle: string }[];
    expect(handles.map((h) => [h.key, JSON.parse(h.reply_handle).to ?? null])).toEqual([
      ['email:q@x:auto_answer', null],
      ['email:q@x:2:auto_answer', 'max@anderswo.example'],
    ]);
    expect((await s.stores.tickets.exportRequester('max@anderswo.example')).replies).toHaveLength(1);
    s.close();
  });

  it('fills the enquiry of existing outbox rows exactly when migrating (tickets-004)', () => {
    const path = join(tmp.dir, 'old.db');
    const old = openDatabase(path, ticketMigrations.slice(0, 3), silentLogger);
    const enquiry = old.prepare(`INSERT INTO enquiries (key, channel, from_address, received_at, recorded_at, outcome) VALUES (?, 'email', ?, '2026-01-01', '2026-01-01', 'answered')`);
    enquiry.run('email:q@x', 'erika@gemeinde.example');
    enquiry.run('email:q@x:2', 'max@anderswo.example');
    const outbox = old.prepare(`INSERT INTO outbox (key, channel, kind, reply_handle, payload, next_attempt_at, created_at) VALUES (?, ?, ?, '{}', '{}', '2026-01-01', '2026-01-01')`);
    outbox.run('email:q@x:auto_answer', 'email', 'auto_answer');
    outbox.run('email:q@x:2:auto_answer', 'email', 'auto_answer');
    outbox.run('email:q@x:2:suggestions:fallback:email', 'email', 'suggestions');
    outbox.run('ticket:IM-2026-000001:answer:1', 'email', 'staff_answer');
    outbox.run('email:unknown@x:auto_answer', 'email', 'auto_answer');
    old.close();

    const db = openDatabase(path, ticketMigrations, silentLogger);
    const rows = db.prepare('SELECT key, enquiry_key FROM outbox ORDER BY id').all() as { key: string; enquiry_key: string | null }[];
    expect(rows.map((r) => [r.key, r.enquiry_key])).toEqual([
      ['email:q@x:auto_answer', 'email:q@x'],
      ['email:q@x:2:auto_answer', 'email:q@x:2'],
      ['email:q@x:2:suggestions:fallback:email', 'email:q@x:2'],
      ['ticket:IM-2026-000001:answer:1', null],
      ['email:unknown@x:auto_answer', null],
    ]);
    db.close();
  });

  it('finds a mail address typed with capitals, also rows stored with capitals, and a Teams id only exactly', async () => {
    const s = openStack(join(tmp.dir, 'pakt.db'));
    const { first } = twoRequesters(s.clock.now());
    expect((await s.enquire(first)).kind).toBe('answered');
    const ticket = await s.enquire(makeEnquiry({ key: 'email:t@x', from: 'erika@gemeinde.example', text: APPLICATION_TEXT }));
    expect(ticket.kind).toBe('ticket_created');
    // A row written by an older version that kept the capitals.
    s.db.prepare(`INSERT INTO enquiries (key, channel, from_address, received_at, recorded_at, outcome) VALUES ('email:old@x', 'email', 'Erika@Gemeinde.example', '2026-01-01', '2026-01-01', 'answered')`).run();
    await s.enquire(makeEnquiry({ key: 'teams:1', channel: 'teams', from: '29:1AbC', text: QUESTION }));

    const typed = await s.stores.tickets.exportRequester('  ERIKA@gemeinde.Example ');
    expect(typed.address).toBe('erika@gemeinde.example');
    expect(typed.tickets).toHaveLength(1);
    expect(typed.enquiries.map((e) => e.key).sort()).toEqual(['email:old@x', 'email:q@x', 'email:t@x']);
    expect(typed.replies?.map((r) => r.key)).toEqual(['email:q@x:auto_answer']);
    expect(await s.stores.tickets.exportRequester('erika@gemeinde.example')).toEqual(typed);
    expect((await s.stores.tickets.exportRequester('29:1AbC')).enquiries.map((e) => e.key)).toEqual(['teams:1']);
    expect((await s.stores.tickets.exportRequester('29:1abc')).enquiries).toEqual([]);
    s.close();
  });

  it('exports through the CLI for an address typed with capitals', async () => {
    const path = join(tmp.dir, 'pakt.db');
    const s = openStack(path);
    expect((await s.enquire(makeEnquiry({ from: 'erika@gemeinde.example', text: APPLICATION_TEXT }))).kind).toBe('ticket_created');
    s.close();
    const file = join(tmp.dir, 'export.json');
    let err = '';
    const ctx: CliContext = { config: parseConfig({ DATABASE_URL: `sqlite:${path}` }), logger: silentLogger, out: () => undefined, err: (t) => (err += t) };
    expect(await ticketsCommand(['export', '--requester', 'Erika@Gemeinde.EXAMPLE', '--out', file], ctx)).toBe(0);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { address: string; tickets: unknown[]; enquiries: unknown[] };
    expect(data.address).toBe('erika@gemeinde.example');
    expect(data.tickets).toHaveLength(1);
    expect(data.enquiries).toHaveLength(1);
    expect(err).toContain('1 Ticket(s)');
  });
});
