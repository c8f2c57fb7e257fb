/** Test helpers: the real geography and example contacts, built synchronously once per test file. */
import { readFileSync } from 'node:fs';
import type { RouteInput, RouteResult } from '../../../src/core/routing.js';
import { parseContacts } from '../../../src/routing/contacts.js';
import type { Gazetteer } from '../../../src/routing/gazetteer.js';
import { buildGazetteer } from '../../../src/routing/gazetteer.js';
import type { GeoData } from '../../../src/routing/geo.js';
import { parseGeo } from '../../../src/routing/geo.js';
import { createRouter } from '../../../src/routing/router.js';
import type { SenderDirectory } from '../../../src/routing/sender-directory.js';
import { createStaffDirectory } from '../../../src/routing/staff-directory.js';

let geo: GeoData | undefined;
let gaz: Gazetteer | undefined;

/** The shipped geography (resources/geo). */
export function realGeo(): GeoData {
  geo ??= parseGeo(readFileSync('resources/geo/bw-gemeinden.csv', 'utf8'), readFileSync('resources/geo/bw-kreise.csv', 'utf8'));
  return geo;
}

/** The gazetteer over the shipped geography. */
export function realGazetteer(): Gazetteer {
  gaz ??= buildGazetteer(realGeo());
  return gaz;
}

/** The shipped example contacts file as text. */
export function exampleContactsText(): string {
  return readFileSync('knowledge/kontakte.yaml', 'utf8');
}

/** A router over the real data and the example contacts. */
export function realRouter(senderDirectory?: SenderDirectory): { route(input: RouteInput | string, at?: Date): RouteResult } {
  const staff = createStaffDirectory(parseContacts(exampleContactsText(), 'knowledge/kontakte.yaml', realGeo().kreise));
  const router = createRouter({ gazetteer: realGazetteer(), staff, ...(senderDirectory ? { senderDirectory } : {}), clock: { now: () => new Date('2026-03-02T09:00:00Z') } });
  return { route: (input, at) => router.route(typeof input === 'string' ? { text: input } : input, at) };
}

/** Distinct Kreis keys of a result's candidates, sorted. */
export function candidateKreise(result: RouteResult): string[] {
  return [...new Set(result.candidates.map((c) => c.kreisAgs))].sort();
}
