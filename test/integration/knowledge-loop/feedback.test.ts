/**
 * Feedback that counts (issue 14 item 3): the signed link in a rendered mail answer, the German page behind
 * it over real HTTP (restify from createHttpServer, real SQLite file), the vote with its anonymised comment in
 * the database, refusals of forged, altered and expired tokens, and the gap report listing a passage with
 * repeated negative feedback for review.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedback, type Feedback } from '../../../src/channels/feedback/index.js';
import { loadMailTemplates } from '../../../src/channels/email/templates.fs.js';
import { buildView } from '../../../src/channels/email/views.js';
import type { OutboundMessage } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { signFeedbackToken, verifyFeedbackToken, FEEDBACK_MAX_AGE_DAYS } from '../../../src/knowledge-loop/feedback-token.js';
import { gapsMigrations } from '../../../src/knowledge-loop/gaps-migrations.js';
import { buildGapReport } from '../../../src/knowledge-loop/gaps-report.js';
import { createGapsStore } from '../../../src/knowledge-loop/gaps-store.js';
import { createHttpServer } from '../../../src/server/http.js';
import { createMetrics } from '../../../src/server/metrics.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

const SECRET = 'x'.repeat(40);
const clock = { now: () => new Date() };
let dir: string;
let db: Database.Database;
let server: restify.Server;
let base: string;
let feedback: Feedback;

function answerMessage(enquiryKey: string, passageId: string): OutboundMessage {
  return {
    id: 1,
    key: `${enquiryKey}:auto_answer`,
    channel: 'email',
    kind: 'auto_answer',
    ticketNumber: null,
    replyHandle: { channel: 'email', to: 'a@gemeinde.example', messageId: '<m@x>', references: [], subject: 'Frage' },
    payload: { answer: { text: 'Ja, eine Stelle darf geteilt werden.', citation: 'FAQ', passageId, stand: '2024-01-01', source: 'https://example.org' }, question: 'Darf man teilen?', confidence: 0.9 },
    attempts: 0,
    createdAt: new Date().toISOString(),
  };
}

const post = (url: string, form: Record<string, string>): Promise<Response> =>
  fetch(url, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-feedback-'));
  db = openDatabase(join(dir, 'pakt.db'), gapsMigrations, silentLogger);
  base = 'http://127.0.0.1:0';
  server = createHttpServer({ logger: silentLogger, metrics: createMetrics({ defaultMetrics: false }), readiness: [], isAcceptingWork: () => true });
  feedback = await createFeedback({ config: { TEMPLATES_DIR: './templates', FEEDBACK_SECRET: SECRET, FEEDBACK_BASE_URL: 'https://pakt.example/dienst/' }, db: sqliteSqlDb(db), clock, logger: silentLogger });
  feedback.register(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${server.address().port}`;
  await createGapsStore(sqliteSqlDb(db)).recordQuestion({ enquiryKey: 'email:<q1@x>', channel: 'email', askedAt: new Date().toISOString(), outcome: 'answered', question: 'Darf eine Stelle geteilt werden?', passageId: 'faq#stellenteilung', passageTitle: 'Stellenteilung', confidence: 0.9 });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  db.close();
  await rm(dir, { recursive: true, force: true });
});

/** The link the mail carries, pointed at the test server. */
const localLink = (url: string): string => url.replace('https://pakt.example/dienst', base);

describe('feedback link in mail answers', () => {
  it('puts a signed link (and the FAQ link when PUBLIC_FAQ_URL is set) into both parts of an automatic answer', async () => {
    const templates = loadMailTemplates('./templates');
    const withFaq = await createFeedback({ config: { TEMPLATES_DIR: './templates', FEEDBACK_SECRET: SECRET, FEEDBACK_BASE_URL: 'https://pakt.example/dienst/', PUBLIC_FAQ_URL: 'https://rp.example/faq' }, db: sqliteSqlDb(db), clock, logger: silentLogger });
    const message = answerMessage('email:<q1@x>', 'faq#stellenteilung');
    const links = withFaq.links(message);
    expect(links.feedbackUrl).toMatch(/^https:\/\/pakt\.example\/dienst\/rueckmeldung\/[\w-]+\.[\w-]+$/);
    expect(links.faqUrl).toBe('https://rp.example/faq/faq.html#stellenteilung');
    const bodies = templates.render('auto_answer', buildView(message, { subject: 'AW: Frage', automatic: true, ...links }) as unknown as Record<string, unknown>);
    expect(bodies.text).toContain(`War diese Antwort hilfreich? Ein Klick genügt, ohne Anmeldung: ${links.feedbackUrl}`);
    expect(bodies.text).toContain('https://rp.example/faq/faq.html#stellenteilung');
    expect(bodies.html).toContain(`<a href="${links.feedbackUrl}">Rückmeldung geben</a>`);
    // Other kinds and mails without a base URL carry no link; the template still renders.
    expect(withFaq.links({ ...message, kind: 'ticket_confirmation', key: 'email:<q1@x>:ticket_confirmation' })).toEqual({ feedbackUrl: null, faqUrl: null });
    const without = await createFeedback({ config: { TEMPLATES_DIR: './templates', FEEDBACK_SECRET: SECRET }, db: sqliteSqlDb(db), clock, logger: silentLogger });
    expect(without.links(message).feedbackUrl).toBeNull();
    expect(templates.render('auto_answer', buildView(message, { subject: 'AW: Frage', automatic: true }) as unknown as Record<string, unknown>).text).not.toContain('hilfreich');
  });

  it('shows the German page on GET without recording, and records one vote with the comment anonymised on POST', async () => {
    const url = localLink(feedback.links(answerMessage('email:<q1@x>', 'faq#stellenteilung')).feedbackUrl!);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Hat geholfen');
    expect(html).toContain('Hat nicht geholfen');
    expect(html).toContain('Darf eine Stelle geteilt werden?');
    const store = createGapsStore(sqliteSqlDb(db));
    expect(await store.feedbackSince('1970-01-01')).toEqual([]);

    const first = await post(url, { antwort: 'ja' });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Vielen Dank');
    const second = await post(url, { antwort: 'nein', kommentar: 'Gilt das auch für Frau Meier, Tel. 0711 1234567?' });
    expect(second.status).toBe(200);
    const votes = await store.feedbackSince('1970-01-01');
    expect(votes).toEqual([{ enquiryKey: 'email:<q1@x>', channel: 'email', passageId: 'faq#stellenteilung', helpful: false, comment: 'Gilt das auch für Frau [Name], Tel. [Telefon]?', createdAt: expect.any(String) }]);
  });

  it('refuses a form without a choice (400, nothing stored) and an oversized body (413)', async () => {
    const url = localLink(feedback.links(answerMessage('email:<q2@x>', 'faq#x')).feedbackUrl!);
    const bad = await post(url, { antwort: 'vielleicht' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Bitte wählen Sie');
    const big = await post(url, { antwort: 'nein', kommentar: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect((await createGapsStore(sqliteSqlDb(db)).feedbackSince('1970-01-01')).filter((v) => v.enquiryKey === 'email:<q2@x>')).toEqual([]);
  });

  it('refuses forged, altered and expired tokens', async () => {
    const forged = signFeedbackToken('y'.repeat(40), { enquiryKey: 'email:<q1@x>', passageId: 'faq#stellenteilung' }, new Date());
    const res = await post(`${base}/rueckmeldung/${forged}`, { antwort: 'nein' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Link nicht gültig');
    const good = signFeedbackToken(SECRET, { enquiryKey: 'email:<q1@x>', passageId: 'faq#a' }, new Date());
    const [body, mac] = good.split('.') as [string, string];
    const altered = `${Buffer.from(JSON.stringify({ v: 1, k: 'email:<q1@x>', p: 'faq#b', t: Math.floor(Date.now() / 1000) })).toString('base64url')}.${mac}`;
    expect(verifyFeedbackToken(SECRET, altered, new Date()).ok).toBe(false);
    expect(verifyFeedbackToken(SECRET, `${body}.${mac}`, new Date())).toMatchObject({ ok: true, subject: { passageId: 'faq#a' } });
    const old = signFeedbackToken(SECRET, { enquiryKey: 'k', passageId: null }, new Date(Date.now() - (FEEDBACK_MAX_AGE_DAYS + 1) * 86_400_000));
    expect((await fetch(`${base}/rueckmeldung/${old}`)).status).toBe(410);
    expect((await fetch(`${base}/rueckmeldung/not-a-token`)).status).toBe(400);
  });

  it('keeps a generated secret in the database when FEEDBACK_SECRET is unset (links survive a restart)', async () => {
    const a = await createFeedback({ config: { TEMPLATES_DIR: './templates', FEEDBACK_BASE_URL: 'https://pakt.example' }, db: sqliteSqlDb(db), clock, logger: silentLogger });
    const b = await createFeedback({ config: { TEMPLATES_DIR: './templates', FEEDBACK_BASE_URL: 'https://pakt.example' }, db: sqliteSqlDb(db), clock, logger: silentLogger });
    const url = a.links(answerMessage('email:<q3@x>', 'faq#x')).feedbackUrl!;
    const token = url.split('/').at(-1)!;
    const secret = await createGapsStore(sqliteSqlDb(db)).generatedSecret();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyFeedbackToken(secret, token, new Date()).ok).toBe(true);
    expect(b.links(answerMessage('email:<q3@x>', 'faq#x')).feedbackUrl!.startsWith('https://pakt.example/rueckmeldung/')).toBe(true);
  });

  it('lists a passage with repeated negative feedback for review in the gap report', async () => {
    const store = createGapsStore(sqliteSqlDb(db));
    await store.recordFeedback({ enquiryKey: 'email:<q4@x>', voter: 'email', channel: 'email', passageId: 'faq#stellenteilung', helpful: false, comment: null, createdAt: new Date().toISOString() });
    const since = new Date(Date.now() - 7 * 86_400_000);
    const report = buildGapReport({ questions: await store.questionsSince(since.toISOString()), votes: await store.feedbackSince(since.toISOString()), since, now: new Date() });
    expect(report.review).toEqual([{ passageId: 'faq#stellenteilung', passageTitle: 'Stellenteilung', negative: 2, positive: 0, comments: ['Gilt das auch für Frau [Name], Tel. [Telefon]?'] }]);
  });
});
