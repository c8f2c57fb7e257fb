/**
 * The parsed and checked routing data (geography and contacts), remembered between starts in the DerivedCache:
 * parsing the YAML contacts and validating 1,100 CSV rows with zod cost a start about 40 ms (plus loading the
 * YAML parser). The key covers every input text, the parsing modules' own code and the zod and yaml versions,
 * so any change to data or checks parses and checks again; only data that passed every check is stored.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DerivedCache } from '../core/ports.js';
import type { Contacts } from './contacts.js';
import { parseGeo, type GeoData } from './geo.js';

/** DerivedCache entry name; the layout of {@link RoutingData} is covered by the modules' code in the key. */
const CACHE_NAME = 'routing-data';

/** What the routing data files parse to. */
export interface RoutingData {
  geo: GeoData;
  contacts: Contacts;
}

/** The input texts, and the contacts file's name as error messages show it. */
export interface RoutingTexts {
  gemeindenCsv: string;
  kreiseCsv: string;
  contactsText: string;
  contactsName: string;
}

const require = createRequire(import.meta.url);

/** The source of a parsing module beside this one (compiled `.js` in dist/, `.ts` when run from src/). */
function moduleText(name: string): string {
  for (const ext of ['.js', '.ts']) {
    try {
      return readFileSync(new URL(`./${name}${ext}`, import.meta.url), 'utf8');
    } catch {
      // try the other extension
    }
  }
  return '';
}

function keyOf(texts: RoutingTexts): string {
  const versions = ['zod', 'yaml'].map((pkg) => (require(`${pkg}/package.json`) as { version: string }).version);
  const hash = createHash('sha256').update(versions.join('\0'));
  for (const text of [moduleText('geo'), moduleText('contacts'), texts.gemeindenCsv, texts.kreiseCsv, texts.contactsText]) hash.update(`\0${text.length}\0${text}`);
  return hash.digest('hex');
}

/**
 * Parses and checks the routing data, or restores it when these exact texts passed before. Throws as
 * parseGeo and parseContacts do (ROUTING_DATA_INVALID, CONTACTS_INVALID).
 *
 * @example const { geo, contacts } = await routingData(texts, cache);
 */
export async function routingData(texts: RoutingTexts, cache: DerivedCache): Promise<RoutingData> {
  const key = keyOf(texts);
  const cached = cache.get(CACHE_NAME, key) as RoutingData | null;
  if (cached !== null) return cached;
  const geo = parseGeo(texts.gemeindenCsv, texts.kreiseCsv);
  // Imported on a cache miss only: the contacts parser brings the YAML parser.
  const { parseContacts } = await import('./contacts.js');
  const contacts = parseContacts(texts.contactsText, texts.contactsName, geo.kreise);
  cache.put(CACHE_NAME, key, { geo, contacts } satisfies RoutingData);
  return { geo, contacts };
}
