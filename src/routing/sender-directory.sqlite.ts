/**
 * SenderDirectory on SQLite (better-sqlite3). The composition root opens the database and applies
 * {@link routingMigrations}; this adapter only reads and writes its table. Rows are validated on read.
 */
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { SenderDirectory, SenderEntry } from './sender-directory.js';
import { senderKey } from './sender-directory.js';
import { errorCode } from '../core/error-code.js';

const Row = z.object({ gemeinde_ags: z.string(), provenance: z.string(), confirmed_at: z.string() });

/** SQLite adapter of the learned sender directory. */
export class SqliteSenderDirectory implements SenderDirectory {
  private readonly select: Statement;
  private readonly upsert: Statement;

  constructor(db: Database) {
    try {
      this.select = db.prepare('SELECT gemeinde_ags, provenance, confirmed_at FROM routing_sender_directory WHERE sender = ?');
      this.upsert = db.prepare(
        `INSERT INTO routing_sender_directory (sender, gemeinde_ags, provenance, confirmed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(sender) DO UPDATE SET gemeinde_ags = excluded.gemeinde_ags, provenance = excluded.provenance,
         confirmed_at = excluded.confirmed_at`,
      );
    } catch (cause) {
      throw new AppError('DB_ERROR', 'routing: sender directory table missing (apply routingMigrations first)', { cause });
    }
  }

  lookup(address: string): SenderEntry | null {
    const row = this.select.get(senderKey(address));
    if (row === undefined) return null;
    const parsed = Row.safeParse(row);
    if (!parsed.success) throw new AppError('DB_ERROR', 'routing: malformed row in routing_sender_directory');
    return { gemeindeAgs: parsed.data.gemeinde_ags, provenance: parsed.data.provenance, confirmedAt: parsed.data.confirmed_at };
  }

  remember(address: string, gemeindeAgs: string, provenance: string, at: Date): void {
    try {
      this.upsert.run(senderKey(address), gemeindeAgs, provenance, at.toISOString());
    } catch (cause) {
      const code = errorCode(cause);
      const mapped = code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' ? 'DB_LOCKED' : code === 'SQLITE_READONLY' ? 'DB_READONLY' : code === 'SQLITE_FULL' ? 'DB_FULL' : 'DB_ERROR';
      throw new AppError(mapped, 'routing: cannot store sender confirmation', { cause });
    }
  }
}
