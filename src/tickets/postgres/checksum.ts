/**
 * Per-table checksums that mean the same on SQLite and PostgreSQL: sha256 over the rows in primary-key order
 * (text keys in byte order: SQLite's BINARY collation, PostgreSQL's `COLLATE "C"`), each row a JSON array of
 * its values in the source's column order, every value normalised to a string (numbers in JavaScript's shortest
 * exact decimal form, so an SQLite INTEGER and a PostgreSQL BIGINT, an SQLite REAL and a DOUBLE PRECISION
 * agree; binary as hex) or null.
 */
import { createHash, type Hash } from 'node:crypto';

/** One value as it enters the checksum. */
export function normalizeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`checksum: non-finite number ${String(value)}`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Buffer.isBuffer(value)) return `x${value.toString('hex')}`;
  throw new Error(`checksum: unsupported value type ${typeof value}`);
}

/** Accumulates rows (in key order) into a count and a sha256. */
export class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  add(row: readonly unknown[]): void {
    this.hash.update(JSON.stringify(row.map(normalizeValue)));
    this.hash.update('\n');
    this.rows += 1;
  }

  /** Hex digest; call once. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
