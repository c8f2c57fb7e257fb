import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition } from '../../../src/tickets/ticket.js';
import { ACTORS, makeEnquiry } from '../../fakes/factories.js';
import { APPLICATION_TEXT, openStack, tempDir } from './stack.js';

let tmp: ReturnType<typeof tempDir>;
let path: string;
let number: string;

beforeEach(async () => {
  tmp = tempDir();
  path = join(tmp.dir, 'pakt.db');
  const s = openStack(path);
  const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
  if (created.kind !== 'ticket_created') throw new Error(created.kind);
  number = created.ticket.number;
  s.close();
});
afterEach(() => tmp.remove());

function claimInChild(staffId: string, startAt: number): Promise<{ ok: boolean; assignee?: string; refusal?: { code: string; holder?: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'claim-child.ts'), path, number, staffId, String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

describe('concurrent claims on one database file', () => {
  it('lets exactly one of two connections win when both read before either writes', async () => {
    const a = openStack(path);
    const b = openStack(path);
    const readA = (await a.stores.tickets.find(number))!;
    const readB = (await b.stores.tickets.find(number))!;
    const byA = transition(readA, { type: 'claim', by: ACTORS.nord1 }, a.clock.now());
    const byB = transition(readB, { type: 'claim', by: ACTORS.nord2 }, b.clock.now());
    if (!byA.ok || !byB.ok) throw new Error('both may claim on their own reads');
    expect(await a.stores.tickets.save({ expectedVersion: readA.version, ticket: byA.ticket, event: byA.event, outbox: [] })).toBe('saved');
    expect(await b.stores.tickets.save({ expectedVersion: readB.version, ticket: byB.ticket, event: byB.event, outbox: [] })).toBe('conflict');
    // The service retries with a fresh read and tells the loser who has it.
    expect(await b.service.claim(number, ACTORS.nord2.id)).toMatchObject({ ok: false, refusal: { code: 'ALREADY_CLAIMED', holder: 'sb-nord-1' } });
    expect((await b.stores.tickets.details(number))!.events.filter((e) => e.type === 'claimed')).toHaveLength(1);
    a.close();
    b.close();
  });

  it('lets exactly one of two processes claiming at the same moment win; the other is told who has it', async () => {
    const startAt = Date.now() + 2500;
    const [one, two] = await Promise.all([claimInChild('sb-nord-1', startAt), claimInChild('sb-nord-2', startAt)]);
    const results = [one, two];
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]?.refusal).toMatchObject({ code: 'ALREADY_CLAIMED', holder: winners[0]?.assignee });
    const s = openStack(path);
    const details = (await s.stores.tickets.details(number))!;
    expect(details.ticket.assignee).toBe(winners[0]?.assignee);
    expect(details.events.filter((e) => e.type === 'claimed')).toHaveLength(1);
    s.close();
  });
});
