/**
 * The learned sender directory: once a requester confirms their municipality, the sender address is
 * remembered with where the confirmation came from, so nobody is asked twice.
 */

/** A remembered sender. */
export interface SenderEntry {
  gemeindeAgs: string;
  /** Where the confirmation came from, e.g. "teams:rueckfrage" or "mail:antwort" (no personal data). */
  provenance: string;
  /** ISO-8601 UTC timestamp of the confirmation. */
  confirmedAt: string;
}

/** Port: sender address → confirmed municipality. Synchronous (the SQLite driver is). */
export interface SenderDirectory {
  lookup(address: string): SenderEntry | null;
  remember(address: string, gemeindeAgs: string, provenance: string, at: Date): void;
}

/**
 * The key an address is stored under: the bare address, trimmed and lower-cased
 * ("Maria <M.Beispiel@Aidlingen.de>" → "m.beispiel@aidlingen.de").
 */
export function senderKey(address: string): string {
  const bare = /<([^>]*)>/.exec(address)?.[1] ?? address;
  return bare.trim().toLowerCase();
}

/** In-memory implementation for tests and dry runs. */
export class InMemorySenderDirectory implements SenderDirectory {
  private readonly entries = new Map<string, SenderEntry>();

  lookup(address: string): SenderEntry | null {
    return this.entries.get(senderKey(address)) ?? null;
  }

  remember(address: string, gemeindeAgs: string, provenance: string, at: Date): void {
    this.entries.set(senderKey(address), { gemeindeAgs, provenance, confirmedAt: at.toISOString() });
  }
}
