/**
 * `SERVICE_MIGRATIONS` (what `pakt db migrate`/`db copy` apply) is exactly what the service applies to its
 * database: every `...xMigrations` list spread in the composition root (server/services.ts, server/app.ts),
 * in that order; and every one of them has a PostgreSQL translation. No database needed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_MIGRATIONS } from '../../../src/cli/commands/db.js';
import type { Migration } from '../../../src/core/ports.js';
import { toPostgres } from '../../../src/tickets/postgres/dialect.js';

const root = resolve(import.meta.dirname, '../../..');

/** The `...nameMigrations` spreads of a file, in order (the `options.channelMigrations` parameter excluded). */
function spreads(file: string): string[] {
  return [...readFileSync(resolve(root, file), 'utf8').matchAll(/\.\.\.(\w+Migrations)\b/g)].map((m) => m[1]!).filter((n) => n !== 'channelMigrations');
}

/** Imports the module under src/ that declares `export const <name>`. */
async function load(name: string): Promise<Migration[]> {
  const files = execFileSync('grep', ['-rl', '--include=*.ts', `export const ${name}\\b`, 'src'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  expect(files).toHaveLength(1);
  const module = (await import(resolve(root, files[0]!))) as Record<string, Migration[]>;
  return module[name]!;
}

describe('SERVICE_MIGRATIONS', () => {
  it('equals the migrations the service applies, in the same order', async () => {
    // services.ts: core lists, then the channels' list app.ts passes in.
    const names = [...spreads('src/server/services.ts'), ...spreads('src/server/app.ts')];
    expect(names.length).toBeGreaterThanOrEqual(4);
    const expected = (await Promise.all(names.map(load))).flat().map((m) => m.id);
    expect(SERVICE_MIGRATIONS.map((m) => m.id)).toEqual(expected);
  });

  it('every migration translates to PostgreSQL', () => {
    for (const m of SERVICE_MIGRATIONS) expect(() => toPostgres(m.sql), m.id).not.toThrow();
  });
});
