/**
 * Municipalities (Gemeinden) and Kreise of Baden-Württemberg as loaded from resources/geo (see NOTICE for
 * sources and licences). Parsing is pure; the loader reads the files.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.js';

/** A municipality row of bw-gemeinden.csv. */
export interface Gemeinde {
  ags: string;
  name: string;
  kreisAgs: string;
  plz: string[];
}

/** A Kreis row of bw-kreise.csv. */
export interface Kreis {
  ags: string;
  name: string;
  typ: 'Landkreis' | 'Stadtkreis';
  regierungsbezirk: string;
  /** Seat of the administration, e.g. "Waiblingen" for the Rems-Murr-Kreis. */
  sitz: string;
}

/** The loaded geography. */
export interface GeoData {
  gemeinden: Gemeinde[];
  kreise: Kreis[];
}

const GemeindeRow = z.object({
  ags: z.string().regex(/^08\d{6}$/),
  gemeinde: z.string().min(1),
  kreis_ags: z.string().regex(/^08\d{3}$/),
  kreis: z.string().min(1),
  kreis_typ: z.enum(['Landkreis', 'Stadtkreis']),
  regierungsbezirk: z.string().min(1),
  plz: z.string().regex(/^\d{5}( \d{5})*$/),
});

const KreisRow = z.object({
  kreis_ags: z.string().regex(/^08\d{3}$/),
  kreis: z.string().min(1),
  kreis_typ: z.enum(['Landkreis', 'Stadtkreis']),
  regierungsbezirk: z.string().min(1),
  sitz: z.string().min(1),
});

function parseCsv<T>(text: string, file: string, schema: z.ZodType<T>): T[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',');
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    const record = Object.fromEntries(header.map((h, j) => [h, cells[j]]));
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('ROUTING_DATA_INVALID', `routing: ${file} line ${i + 2}: ${issue?.path.join('.')} ${issue?.message}`);
    }
    return parsed.data;
  });
}

/**
 * Parses both CSV files and checks that every municipality's Kreis exists.
 * Throws AppError ROUTING_DATA_INVALID naming file and line.
 */
export function parseGeo(gemeindenCsv: string, kreiseCsv: string): GeoData {
  const kreise: Kreis[] = parseCsv(kreiseCsv, 'bw-kreise.csv', KreisRow).map((r) => ({
    ags: r.kreis_ags,
    name: r.kreis,
    typ: r.kreis_typ,
    regierungsbezirk: r.regierungsbezirk,
    sitz: r.sitz,
  }));
  const kreisAgs = new Set(kreise.map((k) => k.ags));
  const gemeinden: Gemeinde[] = parseCsv(gemeindenCsv, 'bw-gemeinden.csv', GemeindeRow).map((r, i) => {
    if (!kreisAgs.has(r.kreis_ags)) {
      throw new AppError('ROUTING_DATA_INVALID', `routing: bw-gemeinden.csv line ${i + 2}: unknown Kreis ${r.kreis_ags}`);
    }
    return { ags: r.ags, name: r.gemeinde, kreisAgs: r.kreis_ags, plz: r.plz.split(' ') };
  });
  if (gemeinden.length === 0 || kreise.length === 0) {
    throw new AppError('ROUTING_DATA_INVALID', 'routing: geo files are empty');
  }
  return { gemeinden, kreise };
}

/** Display label of a Kreis: "Landkreis Böblingen", "Rems-Murr-Kreis", "Stadtkreis Karlsruhe". */
export function kreisLabel(kreis: Kreis): string {
  if (kreis.typ === 'Stadtkreis') return `Stadtkreis ${kreis.name}`;
  return /kreis$/i.test(kreis.name) ? kreis.name : `Landkreis ${kreis.name}`;
}
