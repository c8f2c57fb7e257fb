import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';

// `tickets list` must stay fast on 100,000 tickets: every filter reads newest-first from an index
// (a temp B-tree only for ties on the last ORDER BY term), and escalation scans only open tickets.
describe('ticket list query plans', () => {
  const db = openDatabase(':memory:', ticketMigrations, silentLogger);
  const plan = (sql: string): string =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

  it.each([
    ['', 'tickets_created'],
    ["WHERE status = 'neu'", 'tickets_status_created'],
    ["WHERE kreis_ags = '08115'", 'tickets_kreis_created'],
    ["WHERE status = 'neu' AND kreis_ags = '08115'", 'tickets_'],
    ["WHERE team_id = 'team-nord'", 'tickets_team_created'],
    ["WHERE team_id = 'team-nord' AND status = 'neu'", 'tickets_'],
    ["WHERE assignee = 'sb-nord-1'", 'tickets_assignee_created'],
  ])('list %s uses %s', (where, index) => {
    const p = plan(`SELECT * FROM tickets ${where} ORDER BY created_at DESC, number DESC LIMIT 50`);
    expect(p).toContain(`USING INDEX ${index}`);
    expect(p).not.toContain('TEMP B-TREE FOR ORDER BY');
  });

  it('escalation reads the partial index of open tickets', () => {
    expect(plan("SELECT * FROM tickets WHERE status <> 'erledigt' AND anonymised_at IS NULL ORDER BY created_at")).toContain('tickets_open_created');
  });
});
