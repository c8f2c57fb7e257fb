/**
 * Yes/no leads. A passage that opens with "Ja, …" or "Nein: …" answers the question its authors had in mind;
 * the lead is kept only when the user's question is a yes/no question of the same polarity about the same
 * thing. "Ist es förderschädlich, wenn …?" must not be answered "Ja: … ist nicht förderschädlich". Otherwise
 * the yes/no word is dropped and the statement stands on its own: it is never flipped, because a wrong "Nein"
 * is worse than none.
 */

/** A yes/no word opening a sentence, with its punctuation. */
const YES_NO_LEAD = /^(Ja|Nein)\s*[,.:;!–-]\s*/;

/** Finite verbs that open a German yes/no question ("Darf …?", "Gibt es …?", "Stimmt es, dass …?"). */
const POLAR_OPENERS = new Set(
  (
    'ist sind war waren wird werden wurde wurden kann können konnte konnten könnte könnten darf dürfen durfte dürfte ' +
    'dürften muss müssen musste müsste müssten soll sollen sollte sollten gibt gab gilt gelten galt hat haben hatte ' +
    'hätte hätten bekommt bekommen bekommen kriegt kriegen zählt zählen zahlt zahlen übernimmt übernehmen fördert ' +
    'fördern braucht brauchen benötigt benötigen reicht reichen stimmt stimmts geht gehen fällt fallen verfällt ' +
    'verfallen besteht bestehen bleibt bleiben lässt läuft laufen kommt kommen wäre wären erhält erhalten akzeptiert ' +
    'akzeptieren deckt decken umfasst umfassen beinhaltet enthält'
  ).split(' '),
);

/** Words that turn a statement into its negation, or name the negative side of a rule. */
const NEGATORS = /^(nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|weder|förderschädlich|förderschädigend|schädlich|unzulässig|verboten|untersagt|ausgeschlossen|unmöglich|verfällt|verfallen|entfällt|entfallen)$/;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
}

/** The last question of a text (a mail may carry a line of context before it). */
export function lastQuestion(question: string): string {
  const parts = question.split(/(?<=[.!?])\s+/).filter((p) => p.trim() !== '');
  return [...parts].reverse().find((p) => p.trim().endsWith('?')) ?? parts.at(-1) ?? question;
}

/**
 * True for a yes/no question: it opens with a finite verb ("Darf man …?", "Gibt es …?"). Questions without a
 * verb up front ("Teilstelle mit 0,2 VZÄ möglich?") and alternative questions ("…, oder …?") are not treated as
 * yes/no questions: their answer keeps no "Ja"/"Nein", which is always safe.
 *
 * @example isPolarQuestion('Ist es förderschädlich, wenn wir nur telefonisch beraten?') // true
 */
export function isPolarQuestion(question: string): boolean {
  const asked = lastQuestion(question);
  // "Können wir auslagern, oder müssen sie angestellt sein?" asks which, not whether: no "Ja" fits it.
  if (/,\s*oder\s|\soder\s+(ist|sind|muss|müssen|kann|können|darf|dürfen|wird|werden|gibt|geht|reicht|soll|sollen|hat|haben)\b/i.test(asked)) return false;
  const first = words(asked)[0];
  return first !== undefined && POLAR_OPENERS.has(first.replace(/'s$/, ''));
}

/** Parity of negations in a text: 0 for a positive statement, 1 for a negated one. */
export function polarity(text: string): 0 | 1 {
  return (words(text).filter((w) => NEGATORS.test(w)).length % 2) as 0 | 1;
}

/** Splits a leading "Ja, …" / "Nein: …" from its statement. */
export function splitYesNo(sentence: string): { word: 'Ja' | 'Nein' | null; statement: string } {
  const m = YES_NO_LEAD.exec(sentence);
  if (m === null) return { word: null, statement: sentence };
  const rest = sentence.slice(m[0].length);
  return { word: m[1] as 'Ja' | 'Nein', statement: rest.charAt(0).toUpperCase() + rest.slice(1) };
}

/**
 * The lead sentence as shown: its "Ja"/"Nein" kept when the question asks yes or no with the polarity that
 * word answers, and when the statement speaks of the question's topic (`onTopic`); otherwise the bare statement.
 *
 * @example fitYesNo('Ja: Es ist nicht förderschädlich.', 'Ist das förderschädlich?', true) // 'Es ist nicht förderschädlich.'
 */
export function fitYesNo(sentence: string, question: string, onTopic: boolean): string {
  const { word, statement } = splitYesNo(sentence);
  if (word === null) return sentence;
  if (!onTopic || !isPolarQuestion(question)) return statement;
  const fitting = polarity(lastQuestion(question)) === polarity(statement) ? 'Ja' : 'Nein';
  return fitting === word ? sentence : statement;
}
