import { describe, expect, it } from 'vitest';
import { contextPlaces, contextWords, setAside, subjectMatter, wrappingPlaces } from '../../../src/knowledge/assess-units.js';

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

describe('wrappingPlaces', () => {
  it('drops a place the enquiry names where it only locates the question', () => {
    expect(wrappingPlaces('Dürfen unsere Integrationsmanager in Nagold auch Personen aus der Ukraine beraten?', ['Nagold'])).toEqual(new Set(['nagold']));
    expect(wrappingPlaces('Wir planen das mit Rutesheim und Renningen. Ist das möglich?', ['Rutesheim', 'Renningen'])).toEqual(new Set(['rutesheim', 'renningen']));
  });

  it('drops a name joined to such a place, also when the extraction already removed the first', () => {
    expect(wrappingPlaces('Unsere Stelle in Ostfildern und Scharnhausen wird geteilt. Ist das zulässig?', ['Ostfildern'])).toEqual(new Set(['ostfildern', 'scharnhausen']));
    expect(wrappingPlaces('Unsere Stelle in und Scharnhausen wird geteilt. Ist das zulässig?', [])).toEqual(new Set(['scharnhausen']));
  });

  it('keeps a place that is what the question asks about, and words that are no place the enquiry names', () => {
    expect(wrappingPlaces('Wie viel bekommt die Gemeinde Oberstenfeld?', ['Oberstenfeld'])).toEqual(new Set());
    expect(wrappingPlaces('Was gilt, wenn die Integrationsmanagerin in Elternzeit geht?', ['Ulm'])).toEqual(new Set());
  });

  it('drops the area of a question for whom to contact, and keeps a place in other "wer" questions', () => {
    expect(wrappingPlaces('Wer ist bei euch für den Landkreis Esslingen zuständig?', ['Landkreis Esslingen'])).toEqual(new Set(['esslingen']));
    expect(wrappingPlaces('An wen wenden wir uns für die Stadt Ulm?', ['Ulm'])).toEqual(new Set(['ulm']));
    expect(wrappingPlaces('Wer bekommt den Zuschuss für die Gemeinde Oberstenfeld?', ['Oberstenfeld'])).toEqual(new Set());
  });
});

describe('subjectMatter', () => {
  it('finds what a noun of the question is about', () => {
    expect(subjectMatter('Ist eine Fortbildung zur interkulturellen Kompetenz förderfähig?')).toEqual(new Set(['interkulturellen', 'kompetenz']));
    expect(subjectMatter('Gibt es eine Schulung zum Thema Asylrecht?')).toEqual(new Set(['asylrecht']));
  });

  it('finds nothing in a second thing asked beside the noun', () => {
    expect(subjectMatter('Werden Supervision und Fortbildungen gefördert?')).toEqual(new Set());
  });
});

describe('setAside', () => {
  it('reads what a question sets aside after außer, neben or abgesehen von', () => {
    expect(setAside('Was muss außer der Aufstellung der Personalkosten noch beigelegt werden?')).toEqual(new Set(['der', 'aufstellung', 'personalkosten']));
    expect(setAside('Fördert der Pakt neben den Integrationsmanagern noch etwas?')).toEqual(new Set(['den', 'integrationsmanagern']));
    expect(setAside('Was gilt für den Sachbericht?')).toEqual(new Set());
  });
});

describe('contextWords', () => {
  it('reads the words of a sentence of context the question does not point back to', () => {
    const words = contextWords('Ich habe in unserer Akte einen Vermerk gefunden. Um wie viele Monate konnten Stellen verlängert werden?');
    expect(words.has('vermerk')).toBe(true);
    expect(words.has('monate')).toBe(false);
  });

  it('reads none when the question points back to its context or asks nothing', () => {
    expect(contextWords('Wir zahlen unserer Kraft eine Supervision. Ist das förderfähig?')).toEqual(new Set());
    expect(contextWords('Eine Bewerberin hat einen Bachelor in BWL. Kann sie eingestellt werden?')).toEqual(new Set());
    expect(contextWords('Unser Manager bezieht Krankengeld. Läuft die Förderzeit trotzdem weiter?')).toEqual(new Set());
    expect(contextWords('Anbei der Sachbericht.')).toEqual(new Set());
  });
});

describe('units of the shipped knowledge', () => {
  it('weighs a verb form that splits like a compound (aufgefallen) as one unit, not as its parts', async () => {
    const { readRawSources, parseSources } = await import('../../../src/knowledge/sources.fs.js');
    const { buildState } = await import('../../../src/knowledge/build.js');
    const { cachedPlan } = await import('../../../src/knowledge/query.js');
    const { units } = await import('../../../src/knowledge/assess-units.js');
    const sources = await parseSources(await readRawSources(new URL('../../../knowledge', import.meta.url).pathname));
    const { index } = buildState(sources.documents, sources.synonyms, sources.problems, new Date());
    const plan = cachedPlan('Uns ist die Änderung der Verwaltungsvorschrift aufgefallen. Ab wann gilt sie?', index.analyzer, index.synonyms);
    const verb = units(plan, index).filter((u) => u.literal.some((t) => t.startsWith('aufgefall')));
    expect(verb).toHaveLength(1);
    expect(verb[0]).toMatchObject({ central: false, unknownNoun: false });
  });
});
