import { describe, expect, it } from 'vitest';
import { contextPlaces } from '../../../src/knowledge/assess-units.js';

describe('contextPlaces', () => {
  it('finds a district or town named in a clause that does not ask', () => {
    expect(contextPlaces('Die Nachbarkommune gehört zum Landkreis Calw, wir zum Kreis Böblingen – dürfen wir zusammen beantragen?')).toEqual(
      new Set(['calw', 'boblingen']),
    );
    expect(contextPlaces('Wir sind die Stadt Ulm. Wie lang darf der Sachbericht sein?')).toEqual(new Set(['ulm']));
  });

  it('keeps a place named in the asked clause: it is part of what is asked', () => {
    expect(contextPlaces('Wie viel Geld bekommt die Gemeinde Oberstenfeld 2025 für das IM?')).toEqual(new Set());
    expect(contextPlaces('Wir sind die Gemeinde Aalen. Was bekommt die Gemeinde Aalen?')).toEqual(new Set());
  });
});
