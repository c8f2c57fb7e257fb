/**
 * The context sentence as a second opinion (core/triage/ask-in-context.ts): it may confirm the passage the
 * question alone ranked first, and pick another one only when the question points back to it (then its answer
 * also goes before an answer to the question alone).
 */
import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../../src/core/knowledge.js';
import { askInContext, extractQuestion } from '../../../src/core/triage/index.js';

function result(question: string, outcome: AskResult['outcome'], first: string): AskResult {
  const answer = outcome === 'answer' ? { text: 't', citation: 'c', passageId: first, title: first } : null;
  return { question, answered: outcome === 'answer', confidence: outcome === 'answer' ? 0.8 : 0.4, answer: answer as AskResult['answer'], hits: [{ id: first, title: first, score: 1 }], outcome, suggestions: [] };
}

const ENQUIRY = 'Ab 2026 bekommt unser Kreis weniger Geld. Wonach richtet sich die neue Verteilung?';

describe(askInContext.name, () => {
  it('offers the question with the context sentence before it, which the extraction leaves out', () => {
    const extracted = extractQuestion({ text: ENQUIRY });
    expect(extracted.text).toBe('Wonach richtet sich die neue Verteilung?');
    expect(extracted.withContext).toBe(ENQUIRY);
    expect(extractQuestion({ text: 'Wonach richtet sich die Verteilung?' }).withContext).toBeUndefined();
  });

  it('takes the answer in context when it comes from the passage the question alone ranked first', () => {
    const asked: string[] = [];
    const ask = (q: string): AskResult => {
      asked.push(q);
      return q === ENQUIRY ? result(q, 'answer', 'vwv#verteilung') : result(q, 'suggest', 'vwv#verteilung');
    };
    expect(askInContext(ask, extractQuestion({ text: ENQUIRY }))).toMatchObject({ outcome: 'answer', question: ENQUIRY });
    expect(asked).toHaveLength(2);
  });

  it('keeps the question alone when the context leads to another passage', () => {
    const ask = (q: string): AskResult => (q === ENQUIRY ? result(q, 'answer', 'chronik#2026') : result(q, 'suggest', 'vwv#verteilung'));
    expect(askInContext(ask, extractQuestion({ text: ENQUIRY }))).toMatchObject({ outcome: 'suggest', question: 'Wonach richtet sich die neue Verteilung?' });
  });

  it('takes the answer in context from another passage when the question points back to its context ("in dieser Phase")', () => {
    const text = 'Unsere Integrationsmanagerin geht in Mutterschutz und danach in Elternzeit. Geht die Förderzeit ihrer Stelle in dieser Phase verloren?';
    const extracted = extractQuestion({ text });
    expect(extracted.text).toBe('Geht die Förderzeit ihrer Stelle in dieser Phase verloren?');
    const ask = (q: string): AskResult => (q === text ? result(q, 'answer', 'aenderung-2020#unterbrechung') : result(q, 'suggest', 'im#stellen'));
    expect(askInContext(ask, extracted)).toMatchObject({ outcome: 'answer', question: text });
  });

  it('takes the answer in context over the answer alone when the question points back ("deren", "dafür")', () => {
    const text = 'Wir haben eine Integrationsbeauftragte in Vollzeit. Läuft deren Förderung über das IM-Programm, oder gibt es dafür einen eigenen Topf mit eigener Frist?';
    const extracted = extractQuestion({ text });
    expect(extracted.text).not.toBe(text);
    const ask = (q: string): AskResult => (q === text ? result(q, 'answer', 'kontakt#abgrenzung') : result(q, 'answer', 'im#festbetrag'));
    expect(askInContext(ask, extracted)).toMatchObject({ outcome: 'answer', question: text });
    // Without an answer in context, the answer alone stands.
    const alone = (q: string): AskResult => (q === text ? result(q, 'suggest', 'kontakt#abgrenzung') : result(q, 'answer', 'im#festbetrag'));
    expect(askInContext(alone, extracted)).toMatchObject({ outcome: 'answer', question: extracted.text });
  });

  it('takes the answer in context when the question speaks of the writer ("mein", "meine") whom the context introduces', () => {
    const text = 'Ich arbeite seit Montag als Integrationsmanagerin beim Landratsamt. Welche meiner Aufgaben schreibt das Programm vor?';
    const ask = (q: string): AskResult => (q === text ? result(q, 'answer', 'im#zweck') : result(q, 'suggest', 'kontakt#bewilligungsstelle'));
    expect(askInContext(ask, extractQuestion({ text }))).toMatchObject({ outcome: 'answer', question: text });
  });

  it('keeps the answer alone when only a later sentence of the question points back, to an earlier one it holds', () => {
    const text = 'Ich arbeite bei einem freien Träger. Die Träger wollen wissen, ob jeder einen eigenen Bericht abgeben soll. Wie ist das vorgesehen?';
    const extracted = extractQuestion({ text });
    expect(extracted.text).toBe('Die Träger wollen wissen, ob jeder einen eigenen Bericht abgeben soll. Wie ist das vorgesehen?');
    const ask = (q: string): AskResult => (q === text ? result(q, 'answer', 'im#dritte') : result(q, 'answer', 'faq#sachberichte'));
    expect(askInContext(ask, extracted)).toMatchObject({ outcome: 'answer', question: extracted.text });
  });

  it('asks a question about a time named before ("damals") with every earlier sentence of context', () => {
    const text =
      'Wir ordnen die Unterlagen zur Soforthilfe 2023/2024. Die Stelle ist neu besetzt worden. Durfte der Landkreis einen Teil dieser Mittel an Träger weiterreichen? Und bis wann musste der Antrag damals eingegangen sein?';
    const { withContext } = extractQuestion({ text });
    expect(withContext).toContain('Soforthilfe 2023/2024');
    // A question pointing back to a thing takes the nearest sentence only.
    const thing = extractQuestion({ text: 'Wir ordnen die Unterlagen zur Soforthilfe 2023/2024. Die Stelle ist neu besetzt worden. Dürfen wir sie auf diese Stelle setzen?' });
    expect(thing.withContext ?? thing.text).not.toContain('Soforthilfe');
  });

  it('asks once when the question alone is answered', () => {
    const asked: string[] = [];
    const ask = (q: string): AskResult => {
      asked.push(q);
      return result(q, 'answer', 'vwv#verteilung');
    };
    askInContext(ask, extractQuestion({ text: ENQUIRY }));
    expect(asked).toEqual(['Wonach richtet sich die neue Verteilung?']);
  });

  it('asks a question with no content word of its own ("Wo steht das?") with its context at once', () => {
    const text = 'Ich soll herausfinden, wer beim RP für den Enzkreis zuständig ist. Wo steht das?';
    const extracted = extractQuestion({ text });
    expect(extracted.text).toBe('Wo steht das?');
    const ask = (q: string): AskResult =>
      q === extracted.text ? { ...result(q, 'invalid', 'none'), hits: [] } : result(q, 'answer', 'kontakt#ansprechpartner');
    expect(askInContext(ask, extracted)).toMatchObject({ outcome: 'answer', question: text });
  });
});
