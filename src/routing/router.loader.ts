/**
 * Loads routing at start-up: the geography (resources/geo), the contacts file (knowledge/kontakte.yaml), the
 * precompiled gazetteer and the router. Paths resolve relative to process.cwd(). Invalid data stops start-up
 * with AppError ROUTING_DATA_INVALID or CONTACTS_INVALID naming the file, line and Kreis.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { noDerivedCache, type Clock, type DerivedCache, type Logger } from '../core/ports.js';
import type { Router, StaffDirectory } from '../core/routing.js';
import type { Gazetteer } from './gazetteer.js';
import { buildGazetteer } from './gazetteer.js';
import type { Gemeinde, Kreis } from './geo.js';
import { createRouter } from './router.js';
import { routingData } from './routing-data.loader.js';
import type { SenderDirectory } from './sender-directory.js';
import { createStaffDirectory } from './staff-directory.js';

/** Options of {@link loadRouting}; every path is optional. */
export interface LoadRoutingOptions {
  /** Folder with bw-gemeinden.csv and bw-kreise.csv; default resources/geo. */
  geoDir?: string;
  /** Contacts file; default knowledge/kontakte.yaml. */
  contactsFile?: string;
  logger: Logger;
  senderDirectory?: SenderDirectory;
  clock?: Clock;
  /** Remembers data that parsed and passed every check (INDEX_CACHE_DIR); default: parse on every load. */
  cache?: DerivedCache;
}

/** Defaults of {@link LoadRoutingOptions}. */
export const defaultRoutingOptions = { geoDir: 'resources/geo', contactsFile: 'knowledge/kontakte.yaml' } as const;

/** Municipality and Kreis look-ups for other modules (e.g. the channels' ask-back options). */
export interface GemeindeLookup {
  byAgs(ags: string): Gemeinde | null;
  kreis(kreisAgs: string): Kreis | null;
  all(): Gemeinde[];
  /** All 44 Kreise, by key. */
  kreise(): Kreis[];
}

/** What {@link loadRouting} returns. */
export interface Routing {
  router: Router;
  staff: StaffDirectory;
  gemeinden: GemeindeLookup;
  /** Remembers a confirmed municipality for a sender (no-op without a sender directory). Throws INPUT_INVALID for an unknown AGS. */
  confirmSender(address: string, gemeindeAgs: string, provenance: string, at: Date): void;
  /** Milliseconds spent building the gazetteer (for the benchmark and start-up logs). */
  buildMs: number;
}

async function readText(file: string, code: 'ROUTING_DATA_INVALID' | 'CONTACTS_INVALID'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new AppError(code, `routing: cannot read ${file}`, { cause });
  }
}

function lookupOf(gaz: Gazetteer): GemeindeLookup {
  return {
    byAgs: (ags) => gaz.gemeinden.get(ags) ?? null,
    kreis: (kreisAgs) => gaz.kreise.get(kreisAgs) ?? null,
    all: () => [...gaz.gemeinden.values()],
    kreise: () => [...gaz.kreise.values()],
  };
}

/**
 * Loads and validates routing data and builds the router.
 *
 * @example const { router } = await loadRouting({ logger }); router.route({ text: 'Gemeinde Aidlingen' })
 */
export async function loadRouting(options: LoadRoutingOptions): Promise<Routing> {
  const geoDir = path.resolve(process.cwd(), options.geoDir ?? defaultRoutingOptions.geoDir);
  const contactsFile = path.resolve(process.cwd(), options.contactsFile ?? defaultRoutingOptions.contactsFile);
  const [gemeindenCsv, kreiseCsv, contactsText] = await Promise.all([
    readText(path.join(geoDir, 'bw-gemeinden.csv'), 'ROUTING_DATA_INVALID'),
    readText(path.join(geoDir, 'bw-kreise.csv'), 'ROUTING_DATA_INVALID'),
    readText(contactsFile, 'CONTACTS_INVALID'),
  ]);
  const contactsName = path.relative(process.cwd(), contactsFile) || contactsFile;
  const { geo, contacts } = await routingData({ gemeindenCsv, kreiseCsv, contactsText, contactsName }, options.cache ?? noDerivedCache);
  const started = performance.now();
  const gazetteer = buildGazetteer(geo);
  const buildMs = performance.now() - started;
  const staff = createStaffDirectory(contacts);
  const senderDirectory = options.senderDirectory;
  const router = createRouter({ gazetteer, staff, ...(senderDirectory ? { senderDirectory } : {}), ...(options.clock ? { clock: options.clock } : {}) });
  options.logger.child({ component: 'routing' }).info(
    { gemeinden: geo.gemeinden.length, kreise: geo.kreise.length, teams: contacts.teams.length, buildMs: Math.round(buildMs) },
    'routing loaded',
  );
  return {
    router,
    staff,
    gemeinden: lookupOf(gazetteer),
    buildMs,
    confirmSender(address, gemeindeAgs, provenance, at) {
      if (!gazetteer.gemeinden.has(gemeindeAgs)) throw new AppError('INPUT_INVALID', `routing: unknown municipality ${gemeindeAgs}`);
      senderDirectory?.remember(address, gemeindeAgs, provenance, at);
    },
  };
}
