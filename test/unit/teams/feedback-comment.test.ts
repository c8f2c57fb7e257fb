/**
 * "Hat nicht geholfen" with the optional comment (issue 14 items 1 and 3): the negative vote asks for a
 * comment on a card; the comment is anonymised before it is stored, read by the gap report beside the vote,
 * and cleared by the retention job.
 */
import BetterSqlite3 from 'better-sqlite3';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchAction } from '../../../src/channels/teams/actions.js';
import { CardRenderer } from '../../../src/channels/teams/cards/render.js';
import { loadCardTemplates } from '../../../src/channels/teams/cards/template.js';
import type { TeamsContext } from '../../../src/channels/teams/context.js';
import { DEFAULT_CARD_TEMPLATES_DIR, teamsMigrations } from '../../../src/channels/teams/index.js';
import { TeamsStore } from '../../../src/channels/teams/store.js';
import { silentLogger } from '../../../src/core/ports.js';
import { gapsMigrations } from '../../../src/knowledge-loop/gaps-migrations.js';
import { buildGapReport } from '../../../src/knowledge-loop/gaps-report.js';
import { createGapsStore } from '../../../src/knowledge-loop/gaps-store.js';
import { FakeClock } from '../../fakes/clock.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

let db: BetterSqlite3.Database;
let clock: FakeClock;
let ctx: TeamsContext;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  for (const m of [...teamsMigrations, ...gapsMigrations]) db.exec(m.sql);
  clock = new FakeClock('2026-06-03T08:00:00.000Z');
  ctx = {
    config: { TEAMS_STAFF_IDS: [] },
    store: new TeamsStore(sqliteSqlDb(db), clock),
    cards: new CardRenderer(loadCardTemplates(DEFAULT_CARD_TEMPLATES_DIR)),
    staff: createFakeStaffDirectory(),
    logger: silentLogger,
    clock,
  } as unknown as TeamsContext;
});
afterEach(() => db.close());

let seq = 0;
async function submit(aad: string, value: Record<string, unknown> & { verb: string }): Promise<{ result: string; replies: Partial<Activity>[] }> {
  const adapter = new TestAdapter();
  seq += 1;
  const activity: Partial<Activity> = {
    type: 'message',
    id: `act-${seq}`,
    replyToId: `card-${seq}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1/',
    from: { id: `29:${aad}`, name: 'X', aadObjectId: aad },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: `a:${aad}`, isGroup: false, name: '', conversationType: 'personal' },
    value,
  };
  const result = await dispatchAction(new TurnContext(adapter, activity), ctx, value);
  return { result, replies: [...adapter.activeQueue] };
}

const KEY = 'teams:a:req-1:act-1';
const PASSAGE = 'faq#stellenteilung';

describe('"Hat nicht geholfen" with a comment in Teams', () => {
  it('answers the negative vote with a card asking for an optional comment (verb feedbackComment)', async () => {
    const { result, replies } = await submit('aad-req-1', { verb: 'feedback', helpful: false, enquiryKey: KEY, passageId: PASSAGE });
    expect(result).toBe('handled');
    const card = replies[0]?.attachments?.[0]?.content as { body: { type: string; id?: string }[]; actions: { data: Record<string, unknown> }[] };
    expect(card.body.find((b) => b.type === 'Input.Text')?.id).toBe('kommentar');
    expect(card.actions[0]?.data).toEqual({ verb: 'feedbackComment', enquiryKey: KEY, passageId: PASSAGE });
    const positive = await submit('aad-req-2', { verb: 'feedback', helpful: true, enquiryKey: KEY, passageId: PASSAGE });
    expect(positive.replies[0]?.text).toBe('Danke für Ihre Rückmeldung!');
  });

  it('stores the comment anonymised with the negative vote, once per person, and the gap report shows it', async () => {
    await submit('aad-req-1', { verb: 'feedback', helpful: false, enquiryKey: KEY, passageId: PASSAGE });
    const comment = 'Frau Petra Schulze (Tel. 07131 56-2345, p.schulze@heilbronn.de) fragt, ob das auch für Teilzeit gilt.';
    const { result, replies } = await submit('aad-req-1', { verb: 'feedbackComment', enquiryKey: KEY, passageId: PASSAGE, kommentar: `  ${comment}  ` });
    expect(result).toBe('handled');
    expect(replies[0]?.text).toMatch(/Vielen Dank für Ihren Hinweis/);
    const [vote] = await ctx.store.feedbackFor(KEY);
    expect(vote).toEqual({ passageId: PASSAGE, helpful: false, comment: expect.stringContaining('ob das auch für Teilzeit gilt') });
    for (const fragment of ['Schulze', '2345', 'heilbronn.de']) expect(vote!.comment).not.toContain(fragment);
    expect(JSON.stringify(db.prepare('SELECT * FROM teams_feedback').all())).not.toContain('aad-req-1');

    // A second person's "Hat nicht geholfen" on the same passage (other answer): listed for review.
    await submit('aad-req-2', { verb: 'feedback', helpful: false, enquiryKey: 'teams:a:req-2:act-9', passageId: PASSAGE });
    const store = createGapsStore(sqliteSqlDb(db));
    const report = buildGapReport({ questions: [], votes: await store.feedbackSince('2026-06-01T00:00:00.000Z'), since: new Date('2026-06-01T00:00:00.000Z'), now: clock.now() });
    expect(report.totals.notHelpful).toBe(2);
    expect(report.review).toEqual([{ passageId: PASSAGE, passageTitle: null, negative: 2, positive: 0, comments: [vote!.comment] }]);
    expect(report.topics[0]?.comments).toEqual([vote!.comment]);
  });

  it('a comment without a vote first counts as "Hat nicht geholfen"; an empty comment stores nothing', async () => {
    const empty = await submit('aad-req-3', { verb: 'feedbackComment', enquiryKey: KEY, passageId: PASSAGE, kommentar: '   ' });
    expect(empty.replies[0]?.text).toMatch(/Bitte schreiben Sie Ihren Hinweis/);
    expect(await ctx.store.feedbackFor(KEY)).toEqual([]);
    await submit('aad-req-3', { verb: 'feedbackComment', enquiryKey: KEY, kommentar: 'Zu allgemein.' });
    expect(await ctx.store.feedbackFor(KEY)).toEqual([{ passageId: null, helpful: false, comment: 'Zu allgemein.' }]);
  });

  it('refuses an over-long comment as invalid card data and cuts a long one to 1,000 characters', async () => {
    expect((await submit('aad-req-4', { verb: 'feedbackComment', enquiryKey: KEY, kommentar: 'x'.repeat(5000) })).result).toBe('invalid');
    await submit('aad-req-4', { verb: 'feedbackComment', enquiryKey: KEY, kommentar: 'Zu lang. '.repeat(200) });
    expect((await ctx.store.feedbackFor(KEY))[0]!.comment!.length).toBeLessThanOrEqual(1000);
  });

  it('the retention job clears comments older than the cutoff and keeps the vote', async () => {
    await submit('aad-req-5', { verb: 'feedbackComment', enquiryKey: KEY, passageId: PASSAGE, kommentar: 'Alt.' });
    clock.advance(400 * 86_400_000);
    await submit('aad-req-6', { verb: 'feedbackComment', enquiryKey: 'teams:new', passageId: PASSAGE, kommentar: 'Neu.' });
    const removed = await ctx.store.retainPersonalData(new Date(clock.now().getTime() - 365 * 86_400_000));
    expect(removed).toMatchObject({ voters: 1, comments: 1 });
    expect(await ctx.store.feedbackFor(KEY)).toEqual([{ passageId: PASSAGE, helpful: false }]);
    expect(await ctx.store.feedbackFor('teams:new')).toEqual([{ passageId: PASSAGE, helpful: false, comment: 'Neu.' }]);
  });
});
