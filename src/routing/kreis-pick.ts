/**
 * Which Kreis a Kreis name means after a prefix: "Landkreis Karlsruhe" (08215) is not "Stadtkreis Karlsruhe"
 * (08212); "Landratsamt Waiblingen" names the Landkreis by its seat.
 */
import type { Gazetteer, KreisEntry } from './gazetteer.js';

/** Chooses the Kreis keys a (prefixed) Kreis name variant stands for, best reading first. */
export function pickKreis(gaz: Gazetteer, entry: KreisEntry, prefix: 'landkreis' | 'stadtkreis' | 'kreis' | null): string[] {
  const byName = entry.kreise.filter((k) => k.via === 'name').map((k) => k.ags);
  const lk = byName.filter((a) => gaz.kreise.get(a)?.typ === 'Landkreis');
  const sk = byName.filter((a) => gaz.kreise.get(a)?.typ === 'Stadtkreis');
  const seat = entry.kreise.filter((k) => k.via === 'sitz').map((k) => k.ags);
  const order = prefix === 'stadtkreis' ? [sk] : prefix === 'kreis' ? [lk, sk, seat] : [lk, seat, sk];
  return order.find((list) => list.length > 0) ?? [];
}
