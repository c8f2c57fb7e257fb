/**
 * A populated SQLite store for the copy and dump tests: every service migration applied, tickets made by the
 * real core and ticket service (events, messages, refs, enquiries, outbox), plus rows in the routing, Teams and
 * mail, knowledge-gap and FAQ-proposal tables with what tends to break a copy: NULLs, umlauts and emoji, text keys whose byte order differs
 * from a German collation, an IMAP UID above 2^31, a float that needs all 17 digits.
 */
import { join } from 'node:path';
import { SERVICE_MIGRATIONS } from '../../../src/cli/commands/db.js';
import { silentLogger } from '../../../src/core/ports.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { makeEnquiry } from '../../fakes/factories.js';
import { APPLICATION_TEXT, openStack } from '../tickets/stack.js';

/** Creates `pakt.db` in `dir` and returns its path. */
export async function populatedSqlite(dir: string, tickets = 12): Promise<string> {
  const path = join(dir, 'pakt.db');
  openDatabase(path, SERVICE_MIGRATIONS, silentLogger).close();
  const s = openStack(path);
  try {
    for (let i = 0; i < tickets; i += 1) {
      const o = await s.enquire(makeEnquiry({ text: `${APPLICATION_TEXT} (Vorgang ${i}, Grüße 🌻)` }));
      if (o.kind !== 'ticket_created') throw new Error(`expected a ticket, got ${o.kind}`);
      if (i % 3 === 0) await s.service.claim(o.ticket.number, 'sb-nord-1');
      if (i % 4 === 0) await s.service.note(o.ticket.number, { text: `Rückfrage beim Landratsamt „${i}“`, by: 'sb-nord-1' });
    }
    await s.enquire(makeEnquiry({ text: 'Wie hoch ist die Förderung?' }));
    const db = s.db;
    const at = '2026-06-03T08:00:00.000Z';
    const sender = db.prepare('INSERT INTO routing_sender_directory (sender, gemeinde_ags, provenance, confirmed_at) VALUES (?, ?, ?, ?)');
    for (const name of ['Zeta@x.example', 'alpha@x.example', 'Äpfel@x.example', 'ßtraße@x.example', '_a@x.example']) sender.run(name, '08115002', 'confirmed', at);
    db.prepare('INSERT INTO teams_conversations (conversation_id, reference, conversation_type, dead_at, dead_reason, updated_at) VALUES (?, ?, ?, NULL, NULL, ?)').run('a:1', '{"x":"ü"}', 'personal', at);
    db.prepare('INSERT INTO teams_feedback (enquiry_key, voter, passage_id, helpful, created_at) VALUES (?, ?, NULL, ?, ?)').run('teams:1', 'v', 1, at);
    db.prepare(`INSERT INTO email_mailbox_state (mailbox, uid_validity, last_uid, start_at, updated_at) VALUES ('INBOX', '3000000000', ?, ?, ?)`).run(4_000_000_001, at, at);
    db.prepare(`INSERT INTO gaps_questions (enquiry_key, channel, asked_at, outcome, question, passage_id, passage_title, confidence)
      VALUES ('email:<g1@x>', 'email', ?, 'suggested', 'Wie lange läuft die Förderung?', NULL, NULL, ?)`).run(at, 0.1 + 0.2);
    const proposal = db.prepare(`INSERT INTO faq_proposals (ticket_number, status, question, answer, alternatives_json, source, stand, section_id, author,
      created_at, updated_at) VALUES (NULL, 'entwurf', 'Frage?', 'Antwort.', '[]', 'faq', '2026-06', 'faq#x', 'sb-nord-1', ?, ?) RETURNING id`).get(at, at) as { id: number };
    db.prepare("INSERT INTO faq_proposal_events (proposal_id, type, actor, at, note) VALUES (?, 'created', 'sb-nord-1', ?, NULL)").run(proposal.id, at);
    db.prepare(`INSERT INTO email_attempts (mailbox, uid_validity, uid, attempts, last_at) VALUES ('INBOX', '3000000000', ?, 2, ?)`).run(4_000_000_001, at);
  } finally {
    s.close();
  }
  return path;
}
