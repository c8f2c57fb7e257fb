/**
 * The map of the 44 Kreise for the Übersicht: SVG paths computed once with d3-geo from the BKG boundaries
 * (resources/geo/bw-kreise.geojson, © GeoBasis-DE / BKG 2021, dl-de/by-2-0; attribution shown under the map).
 * Each Kreis is shaded by its open tickets in five steps and carries its name and number as a tooltip; the same
 * numbers stand in the table beside it, so nothing is said by colour alone.
 */
import { readFileSync } from 'node:fs';
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, Polygon, MultiPolygon } from 'geojson';
import { AppError } from '../../core/errors.js';

/** One Kreis outline as an SVG path. */
export interface KreisShape {
  ags: string;
  name: string;
  d: string;
}

export const MAP_WIDTH = 520;
export const MAP_HEIGHT = 560;

type KreisFeature = Feature<Polygon | MultiPolygon, { ags: string; name: string; bez: string }>;

/** d3-geo expects clockwise outer rings (RFC 7946 files are counter-clockwise): a ring set covering more than a hemisphere is turned round. */
function rewound(feature: KreisFeature): KreisFeature {
  if (geoArea(feature) <= 2 * Math.PI) return feature;
  const geometry = feature.geometry;
  const flip = (rings: number[][][]): number[][][] => rings.map((ring) => [...ring].reverse());
  const turned: Geometry =
    geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: flip(geometry.coordinates) } : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(flip) };
  return { ...feature, geometry: turned as Polygon | MultiPolygon };
}

/**
 * Loads the outlines and projects them to a {@link MAP_WIDTH}×{@link MAP_HEIGHT} SVG.
 *
 * @example const shapes = loadKreisShapes('resources/geo/bw-kreise.geojson'); shapes.length // 44
 */
export function loadKreisShapes(file: string): KreisShape[] {
  let collection: FeatureCollection<Polygon | MultiPolygon, { ags: string; name: string; bez: string }>;
  try {
    collection = JSON.parse(readFileSync(file, 'utf8')) as typeof collection;
  } catch (cause) {
    throw new AppError('ROUTING_DATA_INVALID', `workplace: cannot read the Kreis map ${file}`, { cause });
  }
  const features = collection.features.map(rewound);
  const projection = geoMercator().fitSize([MAP_WIDTH, MAP_HEIGHT], { type: 'FeatureCollection', features });
  const path = geoPath(projection);
  return features.map((f) => ({ ags: f.properties.ags, name: `${f.properties.bez} ${f.properties.name}`, d: path(f) ?? '' }));
}

/** Shade step 0–4 for a number of open tickets (0, 1–2, 3–5, 6–10, more). */
export function shadeStep(open: number): number {
  return open === 0 ? 0 : open <= 2 ? 1 : open <= 5 ? 2 : open <= 10 ? 3 : 4;
}
