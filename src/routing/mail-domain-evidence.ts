/**
 * Sender domains as evidence: "aidlingen.de", "stadt-ulm.de", "gemeinde-altdorf.de", "landkreis-karlsruhe.de",
 * "lrabb.de" (Landratsamt + vehicle registration code). Generic mail providers never count; a label that is an
 * ordinary word ("rust.de") counts only with an institution prefix ("gemeinde-rust.de").
 */
import type { Candidate, Findings } from './evidence.js';
import { TIER, noFindings } from './evidence.js';
import type { Gazetteer } from './gazetteer.js';
import { pickKreis } from './kreis-pick.js';
import { normalizeWord } from './text.js';
import { GENERIC_MAIL_DOMAINS } from '../core/mail-domains.js';

const GEMEINDE_PREFIXES = ['stadtverwaltung', 'gemeindeverwaltung', 'buergermeisteramt', 'rathaus', 'gemeinde', 'stadt', 'bma'];
const KREIS_PREFIXES = ['landratsamt', 'landkreis', 'stadtkreis', 'kreis', 'lra'];

/** Vehicle registration codes → Landkreis, used for Landratsamt domains ("lrabb.de", "lra-ka.de"). */
const KENNZEICHEN: Record<string, string> = {
  bb: '08115', es: '08116', gp: '08117', lb: '08118', wn: '08119', hn: '08125', kuen: '08126', sha: '08127',
  tbb: '08128', hdh: '08135', aa: '08136', ka: '08215', ra: '08216', mos: '08225', hd: '08226', cw: '08235', pf: '08236',
  fds: '08237', fr: '08315', em: '08316', og: '08317', rw: '08325', vs: '08326', tut: '08327', kn: '08335', loe: '08336',
  wt: '08337', rt: '08415', tue: '08416', bl: '08417', ul: '08425', bc: '08426', fn: '08435', rv: '08436', sig: '08437',
  sbk: '08326', // Schwarzwald-Baar-Kreis uses "SBK" in its domain
};

/** The domain of a mail address or UPN ("Name <a@b.de>" → "b.de"), lower case; null if none. */
function domainOf(address: string): string | null {
  const bare = /<([^>]*)>/.exec(address)?.[1] ?? address;
  const at = bare.lastIndexOf('@');
  if (at < 0) return null;
  const domain = bare.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain) ? domain : null;
}

function stripPrefix(label: string, prefixes: readonly string[]): { rest: string; prefix: string | null } {
  for (const p of prefixes) {
    if (label.startsWith(`${p}-`)) return { rest: label.slice(p.length + 1), prefix: p };
    if (label.startsWith(p) && label.length >= p.length + 2) return { rest: label.slice(p.length), prefix: p };
  }
  return { rest: label, prefix: null };
}

function labelCandidates(gaz: Gazetteer, label: string): Candidate[] {
  // "loerrach-landkreis" reads like "landkreis-loerrach"
  const norm = normalizeWord(label).replace(/^(.+?)-?(landkreis|landratsamt)$/, '$2-$1');
  const kreis = stripPrefix(norm, KREIS_PREFIXES);
  if (kreis.prefix !== null) {
    const compact = kreis.rest.replace(/-/g, '');
    const code = KENNZEICHEN[compact];
    if ((kreis.prefix === 'lra' || kreis.prefix === 'landratsamt') && code !== undefined) return [{ gemeindeAgs: null, kreisAgs: code }];
    const entry = gaz.compactKreise.get(compact);
    const type = kreis.prefix === 'stadtkreis' ? 'stadtkreis' : kreis.prefix === 'kreis' ? 'kreis' : 'landkreis';
    if (entry !== undefined) return pickKreis(gaz, entry, type).map((a) => ({ gemeindeAgs: null, kreisAgs: a }));
  }
  const selfKreis = gaz.compactKreise.get(norm.replace(/-/g, ''));
  if (selfKreis?.isSelfNamed === true) return pickKreis(gaz, selfKreis, null).map((a) => ({ gemeindeAgs: null, kreisAgs: a }));
  const gemeinde = stripPrefix(norm, GEMEINDE_PREFIXES);
  for (const rest of gemeinde.prefix === null ? [norm] : [norm, gemeinde.rest]) {
    const entry = gaz.compactNames.get(rest.replace(/-/g, ''));
    if (entry === undefined) continue;
    if (entry.isCommonWord && rest === norm) continue;
    return entry.hits.map((h) => ({ gemeindeAgs: h.gemeindeAgs, kreisAgs: gaz.gemeinden.get(h.gemeindeAgs)?.kreisAgs ?? '' }));
  }
  return [];
}

/**
 * Evidence from the sender address's domain. The registrable label is tried first, then sub-domains
 * ("aidlingen.kdrs.de" → "aidlingen").
 *
 * @example scanDomain(gaz, 'info@aidlingen.de') // one candidate: Aidlingen (Landkreis Böblingen)
 */
export function scanDomain(gaz: Gazetteer, address: string): Findings {
  const findings = noFindings();
  const domain = domainOf(address);
  if (domain === null) return findings;
  if (GENERIC_MAIL_DOMAINS.has(domain)) {
    findings.notes.push(`Absenderadresse bei einem allgemeinen Mail-Anbieter (${domain}): kein Ortshinweis`);
    return findings;
  }
  const labels = domain.split('.').slice(0, -1).reverse();
  for (const label of labels) {
    const candidates = labelCandidates(gaz, label);
    if (candidates.length > 0) {
      const isKreisAuthority = candidates.every((c) => c.gemeindeAgs === null);
      findings.evidence.push({ tier: TIER.domain, candidates, text: `Absenderdomain '${domain}'`, ...(isKreisAuthority ? { isKreisAuthority } : {}) });
      break;
    }
  }
  return findings;
}
