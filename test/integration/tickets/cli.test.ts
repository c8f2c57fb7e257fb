import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ticketsCommand } from '../../../src/cli/commands/tickets.js';
import type { CliContext } from '../../../src/cli/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import { parseConfig } from '../../../src/server/config.js';
import { makeEnquiry } from '../../fakes/factories.js';
import { APPLICATION_TEXT, openStack, tempDir } from './stack.js';

let tmp: ReturnType<typeof tempDir>;
let path: string;
let numbers: string[];

beforeEach(async () => {
  tmp = tempDir();
  path = join(tmp.dir, 'pakt.db');
  const s = openStack(path);
  numbers = [];
  for (const text of [APPLICATION_TEXT, 'Unser Antrag: wann kommt der Bescheid? Stadt Tübingen']) {
    const o = await s.enquire(makeEnquiry({ text }));
    if (o.kind !== 'ticket_created') throw new Error(o.kind);
    numbers.push(o.ticket.number);
  }
  s.close();
});
afterEach(() => tmp.remove());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string; json: () => Record<string, unknown> }> {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    config: parseConfig({ DATABASE_URL: `sqlite:${path}` }),
    logger: silentLogger,
    out: (t) => (out += t),
    err: (t) => (err += `${t}\n`),
  };
  const code = await ticketsCommand(args, ctx);
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}

describe('tickets command', () => {
  it('lists with filters as text and JSON', async () => {
    const text = await run('list');
    expect(text.code).toBe(0);
    expect(text.out).toContain(numbers[0]);
    expect(text.out).toContain('2 Ticket(s)');
    const json = await run('list', '--kreis', '08416', '--json');
    expect(json.json()).toMatchObject({ count: 1, tickets: [{ number: numbers[1], status: 'neu', kreis: { ags: '08416' } }] });
    expect((await run('list', '--status', 'kaputt')).code).toBe(2);
  });

  it('claims once; a second person is refused with the holder named (exit 1)', async () => {
    expect((await run('claim', numbers[0]!, '--by', 'sb-nord-1')).code).toBe(0);
    const second = await run('claim', numbers[0]!, '--by', 'sb-nord-2', '--json');
    expect(second.code).toBe(1);
    expect(second.json()).toMatchObject({ ok: false, code: 'TICKET_ALREADY_CLAIMED', refusal: { code: 'ALREADY_CLAIMED', holder: 'sb-nord-1' } });
    expect(second.err).toContain('sb-nord-1');
  });

  it('refuses a hand-over without a note and answers on a closed ticket', async () => {
    const handover = await run('handover', numbers[0]!, '--to', 'team-sued', '--by', 'sb-nord-1');
    expect(handover.code).toBe(1);
    expect(handover.err).toContain('NOTE_REQUIRED');
    expect((await run('close', numbers[0]!, '--by', 'sb-nord-1')).code).toBe(0);
    const answer = await run('answer', numbers[0]!, '--text', 'Hallo', '--by', 'sb-nord-1', '--json');
    expect(answer.code).toBe(1);
    expect(answer.json()).toMatchObject({ code: 'TICKET_TRANSITION_REFUSED', refusal: { code: 'TICKET_CLOSED' } });
  });

  it('reports unknown tickets, staff and teams as bad input (exit 2) with codes', async () => {
    const missing = await run('show', 'IM-2026-999999', '--json');
    expect(missing.code).toBe(2);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
    expect((await run('claim', numbers[0]!, '--by', 'niemand')).err).toContain('STAFF_UNKNOWN');
    expect((await run('handover', numbers[0]!, '--to', 'team-mond', '--note', 'x', '--by', 'sb-nord-1')).err).toContain('TEAM_UNKNOWN');
    expect((await run('claim', numbers[0]!)).code).toBe(2);
    expect((await run('list', '--bogus')).code).toBe(2);
  });

  it('shows the whole ticket with history, and answers through the outbox', async () => {
    await run('claim', numbers[0]!, '--by', 'sb-nord-1');
    await run('note', numbers[0]!, '--text', 'intern', '--by', 'sb-nord-1');
    await run('answer', numbers[0]!, '--text', 'Der Bescheid ist unterwegs.', '--by', 'sb-nord-1');
    const shown = await run('show', numbers[0]!, '--json');
    const details = shown.json() as { ticket: { status: string }; events: { type: string }[]; outbox: { kind: string; status: string }[] };
    expect(details.ticket.status).toBe('wartet');
    expect(details.events.map((e) => e.type)).toEqual(['created', 'assigned', 'claimed', 'noted', 'answered']);
    expect(details.outbox.find((o) => o.kind === 'staff_answer')).toMatchObject({ kind: 'staff_answer', status: 'pending' });
    const text = await run('show', numbers[0]!);
    expect(text.out).toContain('wartet auf Rückmeldung');
    expect(text.out).toContain('Verlauf:');
  });

  it('exports everything held on one requester as JSON', async () => {
    const file = join(tmp.dir, 'export.json');
    expect((await run('export', '--requester', 'erika@gemeinde.example', '--out', file)).code).toBe(0);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { tickets: unknown[]; enquiries: unknown[]; address: string };
    expect(data.address).toBe('erika@gemeinde.example');
    expect(data.tickets).toHaveLength(2);
    expect(data.enquiries).toHaveLength(2);
  });
});
