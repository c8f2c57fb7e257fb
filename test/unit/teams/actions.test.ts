import BetterSqlite3 from 'better-sqlite3';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIONS, dispatchAction } from '../../../src/channels/teams/actions.js';
import { defineAction } from '../../../src/channels/teams/action-types.js';
import { CardRenderer } from '../../../src/channels/teams/cards/render.js';
import { loadCardTemplates } from '../../../src/channels/teams/cards/template.js';
import type { TeamsContext, TeamsTicketOps } from '../../../src/channels/teams/context.js';
import { DEFAULT_CARD_TEMPLATES_DIR, teamsMigrations } from '../../../src/channels/teams/index.js';
import type { MemberEmails } from '../../../src/channels/teams/requester/member-email.teams.js';
import { TeamsStore } from '../../../src/channels/teams/store.js';
import type { TicketView } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { z } from 'zod';
import { FakeClock } from '../../fakes/clock.js';
import { createFakeStaffDirectory, FAKE_STAFF } from '../../fakes/staff-directory.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

const templates = loadCardTemplates(DEFAULT_CARD_TEMPLATES_DIR);
const staff = createFakeStaffDirectory({ staff: FAKE_STAFF.map((s) => (s.id === 'sb-nord-1' ? { ...s, teamsAadObjectId: 'aad-staff' } : s)) });
const view = {
  number: 'IM-2026-000001',
  status: 'zugewiesen',
  subject: '',
  category: 'antrag',
  assignee: 'sb-nord-1',
  team: { teamId: 'team-nord', team: 'Team Nord' },
  gemeinde: null,
  kreis: null,
  firstResponseDue: '2026-06-08T22:00:00.000Z',
  resolutionDue: '2026-06-17T22:00:00.000Z',
} as unknown as TicketView;

let db: BetterSqlite3.Database;
let ctx: TeamsContext;
let tickets: { [K in keyof TeamsTicketOps]: ReturnType<typeof vi.fn> };

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  for (const m of teamsMigrations) db.exec(m.sql);
  const ok = (): unknown => ({ ok: true, ticket: view, event: { type: 'claimed' } });
  tickets = {
    claim: vi.fn(ok),
    handover: vi.fn(ok),
    answer: vi.fn(ok),
    note: vi.fn(ok),
    close: vi.fn(ok),
    reopen: vi.fn(ok),
    show: vi.fn(() => ({ ticket: { requester: { name: 'Frau Test' } }, messages: [{ direction: 'in', text: 'Wo bleibt der Bescheid?' }] })),
    list: vi.fn(() => []),
  };
  ctx = {
    config: { TEAMS_STAFF_IDS: [] },
    store: new TeamsStore(sqliteSqlDb(db), new FakeClock()),
    cards: new CardRenderer(templates),
    handle: vi.fn(),
    tickets: tickets as unknown as TeamsTicketOps,
    staff,
    router: null,
    passages: null,
    logger: silentLogger,
    clock: new FakeClock(),
    metrics: null,
    emails: { of: async () => null } as unknown as MemberEmails,
    announceStaffChannel: vi.fn(),
  };
});
afterEach(() => db.close());

/** A TurnContext for a card submit by `aad`, replies captured by the TestAdapter. */
function turnFor(aad: string, value: Record<string, unknown>, channelData?: Record<string, unknown>): { turn: TurnContext; replies: () => Partial<Activity>[] } {
  const adapter = new TestAdapter();
  const activity: Partial<Activity> = {
    type: 'message',
    id: `act-${Math.random()}`,
    replyToId: 'card-1',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1/',
    from: { id: `29:${aad}`, name: 'X', aadObjectId: aad },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: '19:staff;messageid=card-1', isGroup: true, name: '', conversationType: 'channel' },
    value,
    channelData,
  };
  return { turn: new TurnContext(adapter, activity), replies: () => adapter.activeQueue };
}

function verbsInTemplates(): Set<string> {
  const verbs = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['verb'] === 'string') verbs.add(record['verb']);
    Object.values(record).forEach(walk);
  };
  for (const template of templates.values()) walk(template);
  return verbs;
}

describe(dispatchAction.name, () => {
  it('has a handler for every verb the card templates use', () => {
    const verbs = verbsInTemplates();
    expect(verbs.size).toBeGreaterThanOrEqual(10);
    for (const verb of verbs) expect(ACTIONS.has(verb), verb).toBe(true);
  });

  it('answers an unknown verb clearly', async () => {
    const { turn, replies } = turnFor('aad-staff', { verb: 'launch' });
    expect(await dispatchAction(turn, ctx, { verb: 'launch' })).toBe('unknown_verb');
    expect(replies()[0]?.text).toMatch(/Schaltfläche kenne ich nicht/);
  });

  it('refuses staff verbs from non-staff without touching the ticket', async () => {
    const value = { verb: 'takeOver', ticketNumber: 'IM-2026-000001' };
    const { turn, replies } = turnFor('aad-somebody', value);
    expect(await dispatchAction(turn, ctx, value)).toBe('refused');
    expect(tickets.claim).not.toHaveBeenCalled();
    expect(replies()[0]?.text).toMatch(/vorbehalten/);
  });

  it('accepts staff by TEAMS_STAFF_IDS, by directory entry and by the staff team', async () => {
    const value = { verb: 'takeOver', ticketNumber: 'IM-2026-000001' };
    expect(await dispatchAction(turnFor('aad-staff', value).turn, ctx, value)).toBe('handled');
    expect(tickets.claim).toHaveBeenLastCalledWith('IM-2026-000001', 'sb-nord-1');
    ctx.config = { TEAMS_STAFF_IDS: ['aad-listed'] };
    expect(await dispatchAction(turnFor('aad-listed', value).turn, ctx, value)).toBe('handled');
    expect(tickets.claim).toHaveBeenLastCalledWith('IM-2026-000001', 'teams:aad-listed');
    ctx.config = { TEAMS_STAFF_IDS: [], TEAMS_STAFF_TEAM_ID: '19:rp-team@thread.tacv2' };
    expect(await dispatchAction(turnFor('aad-member', value, { team: { id: '19:rp-team@thread.tacv2' } }).turn, ctx, value)).toBe('handled');
    expect(tickets.claim).toHaveBeenLastCalledWith('IM-2026-000001', 'teams:aad-member');
    expect(await dispatchAction(turnFor('aad-member', value, { team: { id: '19:other@thread.tacv2' } }).turn, ctx, value)).toBe('refused');
  });

  it('validates the submitted data before the handler runs (hand-over needs a note)', async () => {
    const value = { verb: 'handOver', ticketNumber: 'IM-2026-000001', target: 'team:team-sued' };
    const { turn, replies } = turnFor('aad-staff', value);
    expect(await dispatchAction(turn, ctx, value)).toBe('invalid');
    expect(tickets.handover).not.toHaveBeenCalled();
    expect(replies()[0]?.text).toMatch(/Pflichtfelder/);
  });

  it('runs the same action on the same card with the same inputs once', async () => {
    const value = { verb: 'reply', ticketNumber: 'IM-2026-000001', text: 'Antwort' };
    expect(await dispatchAction(turnFor('aad-staff', value).turn, ctx, value)).toBe('handled');
    expect(await dispatchAction(turnFor('aad-staff', value).turn, ctx, value)).toBe('duplicate');
    expect(tickets.answer).toHaveBeenCalledTimes(1);
    const other = { ...value, text: 'Zweite Antwort' };
    expect(await dispatchAction(turnFor('aad-staff', other).turn, ctx, other)).toBe('handled');
  });

  it('leaves the card to the outbox after a staff action (no update in the turn) and passes refusals on', async () => {
    const value = { verb: 'resolve', ticketNumber: 'IM-2026-000001' };
    const { turn, replies } = turnFor('aad-staff', value);
    const update = vi.spyOn(turn, 'updateActivity');
    expect(await dispatchAction(turn, ctx, value)).toBe('handled');
    expect(tickets.close).toHaveBeenCalledWith('IM-2026-000001', { by: 'sb-nord-1' });
    expect(update).not.toHaveBeenCalled();
    expect(replies()).toHaveLength(0);
    tickets.close.mockReturnValueOnce({ ok: false, refusal: { code: 'TICKET_CLOSED', message: 'Das Ticket ist bereits erledigt.' } });
    const again = turnFor('aad-staff', { ...value, n: 2 });
    await dispatchAction(again.turn, ctx, { ...value, n: 2 });
    expect(again.replies()[0]?.text).toBe('Nicht möglich: Das Ticket ist bereits erledigt.');
  });

  it('forgets the key when a handler fails, so a retry can run it', async () => {
    let calls = 0;
    const flaky = defineAction({
      verb: 'flaky',
      staffOnly: false,
      schema: z.object({ verb: z.literal('flaky') }),
      async run() {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
    });
    const table = new Map([['flaky', flaky]]);
    await expect(dispatchAction(turnFor('aad-x', { verb: 'flaky' }).turn, ctx, { verb: 'flaky' }, table)).rejects.toThrow('boom');
    expect(await dispatchAction(turnFor('aad-x', { verb: 'flaky' }).turn, ctx, { verb: 'flaky' }, table)).toBe('handled');
    expect(calls).toBe(2);
  });
});

describe(TeamsStore.name, () => {
  it('prunes old activity and action keys but keeps outbox and staff-card keys', async () => {
    const clock = new FakeClock('2026-06-01T00:00:00.000Z');
    const store = new TeamsStore(sqliteSqlDb(db), clock);
    for (const key of ['activity:a', 'action:b', 'outbox:c', 'staffcard:d']) await store.claimKey(key);
    clock.advance(4 * 24 * 3600 * 1000);
    expect(await store.pruneKeys(new Date(clock.now().getTime() - 3 * 24 * 3600 * 1000))).toBe(2);
    expect(await Promise.all(['activity:a', 'action:b', 'outbox:c', 'staffcard:d'].map((k) => store.claimKey(k)))).toEqual([true, true, false, false]);
  });

  it('forgets feedback voters and idle conversation references after the retention period, keeping staff channels', async () => {
    const clock = new FakeClock('2025-01-01T00:00:00.000Z');
    const store = new TeamsStore(sqliteSqlDb(db), clock);
    const ref = (id: string) => ({ channelId: 'msteams', conversation: { id, name: id, isGroup: false, conversationType: 'personal' }, user: { id: `29:${id}`, name: 'Person' }, bot: { id: '28:bot', name: 'Bot' }, serviceUrl: 'http://127.0.0.1/' });
    await store.saveReference(ref('old-chat'), 'personal');
    await store.saveReference(ref('staff-channel'), 'channel');
    await store.registerStaffChannel('team-nord', 'staff-channel', 'aad-lead');
    await store.recordFeedback({ enquiryKey: 'teams:old', voterId: 'aad-person', passageId: 'faq#sachberichte', helpful: true });
    await store.awaitMunicipality('old-chat', 'aad-person', 'IM-2025-000001');
    clock.advance(400 * 24 * 3600 * 1000);
    await store.saveReference(ref('new-chat'), 'personal');
    await store.awaitMunicipality('new-chat', 'aad-person', 'IM-2026-000001');
    expect(await store.retainPersonalData(new Date(clock.now().getTime() - 365 * 24 * 3600 * 1000))).toEqual({ voters: 1, comments: 0, references: 1, askBacks: 1 });
    expect(await store.pendingMunicipality('old-chat', 'aad-person')).toBeNull();
    expect(await store.pendingMunicipality('new-chat', 'aad-person')).toBe('IM-2026-000001');
    expect(await store.reference('old-chat')).toBeNull();
    expect(await store.reference('staff-channel')).not.toBeNull();
    expect(await store.reference('new-chat')).not.toBeNull();
    const votes = db.prepare('SELECT voter, helpful FROM teams_feedback').all() as { voter: string; helpful: number }[];
    expect(votes).toEqual([{ voter: expect.stringMatching(/^anonymisiert:/), helpful: 1 }]);
  });
});

describe('municipality ask-back', () => {
  const number = 'IM-2026-000007';

  it('remembers the ask-back per conversation and requester (hashed), the latest ticket winning, until cleared', async () => {
    const store = ctx.store;
    await store.awaitMunicipality('chat-1', 'aad-req', 'IM-2026-000001');
    await store.awaitMunicipality('chat-1', 'aad-req', number);
    await store.awaitMunicipality('chat-2', 'aad-req', 'IM-2026-000003');
    expect(await store.pendingMunicipality('chat-1', 'aad-req')).toBe(number);
    expect(await store.pendingMunicipality('chat-1', 'aad-other')).toBeNull();
    expect(JSON.stringify(db.prepare('SELECT * FROM teams_pending_municipality').all())).not.toContain('aad-req');
    await store.clearMunicipality(number);
    expect(await store.pendingMunicipality('chat-1', 'aad-req')).toBeNull();
    expect(await store.pendingMunicipality('chat-2', 'aad-req')).toBe('IM-2026-000003');
  });

  it('hands a card answer to the core as a municipality_answer, says where the ticket went and forgets the ask-back', async () => {
    await ctx.store.awaitMunicipality('19:staff;messageid=card-1', 'aad-req', number);
    const settled = { kind: 'follow_up', enquiryKey: 'k', reopened: false, ticket: { ...view, number, team: { teamId: 'team-nord', team: 'Team Nord' } } };
    const handle = vi.fn(async () => settled);
    ctx.handle = handle as unknown as TeamsContext['handle'];
    const value = { verb: 'setMunicipality', ticketNumber: number, municipality: 'Sindelfingen' };
    const { turn, replies } = turnFor('aad-req', value);
    expect(await dispatchAction(turn, ctx, value)).toBe('handled');
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({
      kind: 'municipality_answer',
      reply: 'inline',
      askBack: { ticketNumber: number, via: 'card' },
      enquiry: expect.objectContaining({ text: 'Sindelfingen', from: 'aad-req' }),
    }));
    expect(replies()[0]?.text).toBe(`Danke! Ticket ${number} liegt jetzt bei Team Nord.`);
    expect(await ctx.store.pendingMunicipality('19:staff;messageid=card-1', 'aad-req')).toBeNull();
  });

  it('passes a chosen candidate as its AGS and renders what the core could not settle', async () => {
    await ctx.store.awaitMunicipality('19:staff;messageid=card-1', 'aad-req', number);
    const open = (reason: string, candidates: unknown[] = []) => ({ kind: 'ask_back_open', enquiryKey: 'k', ticketNumber: number, reason, candidates, ticket: null });
    const handle = vi.fn();
    ctx.handle = handle as unknown as TeamsContext['handle'];
    const say = async (outcome: unknown, data: Record<string, unknown>): Promise<Partial<Activity>[]> => {
      handle.mockResolvedValueOnce(outcome);
      const value = { verb: 'setMunicipality', ticketNumber: number, ...data };
      const { turn, replies } = turnFor('aad-req', value);
      await dispatchAction(turn, ctx, value);
      return replies();
    };
    expect((await say(open('unclear'), { choice: '08999001' }))[0]?.text).toMatch(/nicht eindeutig zuordnen/);
    expect(handle).toHaveBeenLastCalledWith(expect.objectContaining({ askBack: { ticketNumber: number, via: 'card', choice: '08999001' } }));
    expect((await say(open('missing'), {}))[0]?.text).toMatch(/Bitte wählen Sie eine Gemeinde/);
    const again = await say(open('ambiguous', [{ gemeindeAgs: '08115002', kreisAgs: '08115', label: 'Altdorf (Landkreis Böblingen)' }]), { municipality: 'Altdorf' });
    expect(JSON.stringify(again[0]?.attachments)).toMatch(/Altdorf \(Landkreis Böblingen\)/);
    expect(await ctx.store.pendingMunicipality('19:staff;messageid=card-1', 'aad-req')).toBe(number);
    expect((await say(open('not_found'), { choice: '08115002' }))[0]?.text).toBe(`Ticket ${number} gibt es nicht.`);
    expect(await ctx.store.pendingMunicipality('19:staff;messageid=card-1', 'aad-req')).toBeNull();
  });
});
