/**
 * The feedback door (issue 14 item 3): `GET /rueckmeldung/<token>` shows a small German page with
 * "Hat geholfen / Hat nicht geholfen" and an optional comment; `POST` to the same address records the vote
 * (one per answer: a later vote replaces the earlier) with the comment anonymised. No login: the signed token
 * (knowledge-loop/feedback-token.ts) is the permission. GET never records anything, so mail scanners that
 * open links do not vote. Votes land in `gaps_feedback`, read together with the Teams votes by the gap report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import restify from 'restify';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Clock, Logger } from '../../core/ports.js';
import { anonymise } from '../../knowledge-loop/anonymise.js';
import type { SqlDb } from '../../core/sql.js';
import type { OutboundMessage } from '../../core/outcome.js';
import type { FeedbackEnv } from '../../knowledge-loop/feedback-config.js';
import { FEEDBACK_PATH, mailLinks, type MailLinks } from '../../knowledge-loop/feedback-links.js';
import { verifyFeedbackToken, type TokenCheck } from '../../knowledge-loop/feedback-token.js';
import { handlebars } from '../handlebars.js';
import { createGapsStore, type GapsStore } from '../../knowledge-loop/gaps-store.js';

/** Largest form accepted (a comment of 1,000 characters and the fields, URL-encoded). */
export const MAX_FEEDBACK_BYTES = 16 * 1024;
export const MAX_COMMENT_CHARS = 1000;

const Form = z.object({
  antwort: z.enum(['ja', 'nein']),
  kommentar: z
    .string()
    .max(MAX_COMMENT_CHARS * 2)
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? null : v.trim().slice(0, MAX_COMMENT_CHARS))),
});

export interface FeedbackDoorDeps {
  templatesDir: string;
  secret: string;
  store: Pick<GapsStore, 'recordFeedback' | 'question'>;
  clock: Clock;
  logger: Logger;
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

const REFUSALS: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  malformed: 'Dieser Link ist unvollständig. Bitte öffnen Sie ihn direkt aus der E-Mail.',
  signature: 'Dieser Link ist ungültig. Bitte öffnen Sie ihn direkt aus der E-Mail.',
  expired: 'Dieser Link ist abgelaufen. Antworten Sie gern auf die E-Mail, wenn Sie uns etwas mitteilen möchten.',
};

/** Reads the page template at start-up (a missing one stops it); handlebars compiles it on the first request. */
function loadPage(templatesDir: string): (model: object) => string {
  const file = join(templatesDir, 'feedback', 'rueckmeldung.hbs');
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AppError('TEMPLATE_INVALID', `feedback: cannot read template ${file}`, { cause });
  }
  let template: HandlebarsTemplateDelegate | undefined;
  return (model) => {
    template ??= handlebars().create().compile(source, { strict: false });
    return template(model);
  };
}

/** Registers the two routes on the service's restify server. */
export function registerFeedbackDoor(server: restify.Server, deps: FeedbackDoorDeps): void {
  const page = loadPage(deps.templatesDir);
  const logger = deps.logger.child({ component: 'feedback' });
  const send = (res: restify.Response, status: number, model: object): void => {
    res.writeHead(status, HEADERS);
    res.end(page(model));
  };
  const check = (req: restify.Request): TokenCheck => verifyFeedbackToken(deps.secret, String((req.params as Record<string, unknown>)['*'] ?? ''), deps.clock.now());

  // A wildcard, not `:token`: the router caps named parameters at 100 characters and a token is longer.
  server.get(`${FEEDBACK_PATH}/*`, async (req: restify.Request, res: restify.Response) => {
    const token = check(req);
    if (!token.ok) send(res, token.reason === 'expired' ? 410 : 400, { refused: REFUSALS[token.reason] });
    else send(res, 200, { form: true, question: (await deps.store.question(token.subject.enquiryKey))?.question ?? null, maxComment: MAX_COMMENT_CHARS });
  });

  const tooLarge = (req: restify.Request, res: restify.Response, next: restify.Next): void => {
    if (Number(req.headers['content-length'] ?? 0) <= MAX_FEEDBACK_BYTES) return next();
    send(res, 413, { refused: 'Der Kommentar ist zu lang. Bitte kürzen Sie ihn.' });
    next(false);
  };
  const body = restify.plugins.bodyParser({ maxBodySize: MAX_FEEDBACK_BYTES, mapParams: false }) as restify.RequestHandler[];
  server.post(`${FEEDBACK_PATH}/*`, tooLarge, ...body, async (req: restify.Request, res: restify.Response) => {
    const token = check(req);
    if (!token.ok) {
      send(res, token.reason === 'expired' ? 410 : 400, { refused: REFUSALS[token.reason] });
      return;
    }
    const form = Form.safeParse(req.body ?? {});
    if (!form.success) {
      send(res, 400, { form: true, problem: 'Bitte wählen Sie „Hat geholfen“ oder „Hat nicht geholfen“.', maxComment: MAX_COMMENT_CHARS });
      return;
    }
    const helpful = form.data.antwort === 'ja';
    const comment = form.data.kommentar === null ? null : anonymise(form.data.kommentar);
    await deps.store.recordFeedback({ ...token.subject, voter: 'email', channel: 'email', helpful, comment, createdAt: deps.clock.now().toISOString() });
    logger.info({ helpful, passageId: token.subject.passageId, withComment: comment !== null }, 'feedback stored');
    send(res, 200, { thanks: true, helpful });
  });
}

/** The feedback link for mail answers and its page, as the composition root wires them. */
export interface Feedback {
  /** For the mail channel: the feedback and FAQ links of an outbox message (null where none applies). */
  links: (message: OutboundMessage) => MailLinks;
  register(server: restify.Server): void;
}

/**
 * Builds the feedback door over the service's database: the secret is `FEEDBACK_SECRET`, else generated once
 * and kept in the database (so links in mails stay valid across restarts).
 *
 * @example const feedback = await createFeedback({ config, db: services.sql, clock, logger }); feedback.register(server);
 */
export async function createFeedback(deps: { config: FeedbackEnv & { TEMPLATES_DIR: string }; db: SqlDb; clock: Clock; logger: Logger }): Promise<Feedback> {
  const store = createGapsStore(deps.db);
  const secret = deps.config.FEEDBACK_SECRET ?? (await store.generatedSecret());
  return {
    links: mailLinks(deps.config, secret, () => deps.clock.now()),
    register: (server) => registerFeedbackDoor(server, { templatesDir: deps.config.TEMPLATES_DIR, secret, store, clock: deps.clock, logger: deps.logger }),
  };
}
