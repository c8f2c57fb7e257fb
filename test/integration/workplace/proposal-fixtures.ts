/** Shared data of the FAQ proposal tests: an enquiry that becomes a ticket, a test answer, a temp knowledge copy. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DOLMETSCHER_ENQUIRY = {
  from: 'integration@heilbronn.de',
  subject: 'Dolmetscher',
  text: 'Sehr geehrte Damen und Herren,\nunsere Integrationsmanagerin Frau Petra Schulze (Tel. 07131 56-2345) fragt: Dürfen Dolmetscherkosten für Beratungsgespräche aus der Förderung bezahlt werden?\nMit freundlichen Grüßen\nStadt Heilbronn',
};
export const TEST_ANSWER = 'Testeintrag: Ob Dolmetscherkosten für Beratungsgespräche förderfähig sind, entscheidet die Sachbearbeitung im Einzelfall nach der VwV und Ihrem Zuwendungsbescheid.';

/** A temp copy of knowledge/ for one test file. */
export function knowledgeCopy(): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'pakt-faq-knowledge-'));
  const dir = join(root, 'knowledge');
  cpSync('knowledge', dir, { recursive: true });
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

