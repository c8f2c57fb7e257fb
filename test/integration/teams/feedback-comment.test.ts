/**
 * "Hat nicht geholfen" with the optional comment over real HTTP (issue 14 items 1 and 3): two requesters
 * ask in Teams (connector stub as serviceUrl), vote the answer down, one adds a comment with personal data
 * on the card the bot shows; the comment is stored anonymised, and `pakt knowledge gaps` on the same
 * database lists the passage for review with the comment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeCommand } from '../../../src/cli/commands/knowledge.js';
import { EXIT_OK, type CliContext } from '../../../src/cli/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import type { GapReport } from '../../../src/knowledge-loop/gaps-report.js';
import { parseConfig } from '../../../src/server/config.js';
import { actionData, cardOf, cardText, startTeamsHarness, type Sender, type TeamsHarness } from './harness.js';

const QUESTION = 'Sind Fortbildungskosten zuwendungsfähig?';
const COMMENT = 'Frau Petra Schulze (Tel. 07131 56-2345) möchte wissen, ob das auch für Online-Kurse gilt.';

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  await h?.close();
});

function cli(): CliContext & { stdout: string[] } {
  const stdout: string[] = [];
  const config = parseConfig({ DATABASE_URL: `sqlite:${h.db.name}` });
  return { config, logger: silentLogger, out: (t) => stdout.push(t), err: () => undefined, stdout };
}

/** Asks, votes "Hat nicht geholfen" and returns the comment card the bot answered with. */
async function askAndVoteDown(sender: Sender): Promise<{ card: ReturnType<typeof cardOf>; cardId: string; passageId: unknown }> {
  expect((await h.post(h.activities.message(sender, QUESTION))).status).toBe(200);
  const answer = h.stub.forConversation(sender.conversationId)[0]!;
  const vote = actionData(cardOf(answer), 'feedback')!;
  expect((await h.post(h.activities.submit(sender, { ...vote, helpful: false }, answer.assignedId))).status).toBe(200);
  const reply = h.stub.forConversation(sender.conversationId).at(-1)!;
  return { card: cardOf(reply), cardId: reply.assignedId, passageId: vote['passageId'] };
}

describe('Teams "Hat nicht geholfen" with a comment', { timeout: 60_000 }, () => {
  it('asks for a comment, stores it anonymised, and the gap report lists the passage for review', async () => {
    const first: Sender = { aad: 'aad-feedback-1', conversationId: 'a:feedback-1' };
    const second: Sender = { aad: 'aad-feedback-2', conversationId: 'a:feedback-2' };
    const down = await askAndVoteDown(first);
    expect(cardText(down.card)).toMatch(/Was hat Ihnen an der Antwort gefehlt\?/);
    expect(down.card.body.find((b: { type: string }) => b.type === 'Input.Text')).toMatchObject({ id: 'kommentar', maxLength: 1000 });
    const send = actionData(down.card, 'feedbackComment')!;
    // Teams merges the inputs into the submitted data.
    expect((await h.post(h.activities.submit(first, { ...send, kommentar: COMMENT }, down.cardId))).status).toBe(200);
    expect(h.stub.forConversation(first.conversationId).at(-1)!.body.text).toMatch(/Vielen Dank für Ihren Hinweis/);
    await askAndVoteDown(second);

    const stored = h.db.prepare('SELECT voter, comment FROM teams_feedback WHERE comment IS NOT NULL').all() as { voter: string; comment: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.comment).toContain('ob das auch für Online-Kurse gilt');
    for (const fragment of ['Schulze', '2345', 'aad-feedback-1']) expect(JSON.stringify(stored)).not.toContain(fragment);

    const json = cli();
    expect(await knowledgeCommand(['gaps', '--since', '2026-06-01', '--json'], json)).toBe(EXIT_OK);
    const report = JSON.parse(json.stdout.join('')) as GapReport;
    expect(report.review).toEqual([expect.objectContaining({ passageId: down.passageId, negative: 2, positive: 0, comments: [stored[0]!.comment] })]);
    const text = cli();
    expect(await knowledgeCommand(['gaps', '--since', '2026-06-01'], text)).toBe(EXIT_OK);
    expect(text.stdout.join('')).toContain('Zur Prüfung (wiederholt „Hat nicht geholfen“)');
    expect(text.stdout.join('')).toContain(`Kommentar: „${stored[0]!.comment}“`);
    expect(text.stdout.join('')).not.toContain('Schulze');
  });
});
