import { describe, expect, it } from 'vitest';
import { correctFunctionWords } from '../../../src/knowledge/function-words.js';

const unknown = (): boolean => false;

describe(correctFunctionWords.name, () => {
  it.each([
    ['kenzahlen bis wan', 'kenzahlen bis wann'],
    ['Wan muss der Bericht da sein?', 'Wann muss der Bericht da sein?'],
    ['wiviel gibt es pro stelle', 'wieviel gibt es pro stelle'],
    ['kan man das aufteilen', 'kann man das aufteilen'],
    ['darf man das, oder nciht?', 'darf man das, oder nicht?'],
    ['antrag mit ner gemeinde ausm nachbarkreis', 'antrag mit einer gemeinde aus dem nachbarkreis'],
    ['wieviel gabs fürn pakt', 'wieviel gab es für den pakt'],
    ['wer is beim rp eigentl zuständig', 'wer is beim rp eigentlich zuständig'],
    ['um wie lang wurd verlaengert', 'um wie lang wurde verlaengert'],
    ['die stelle is noch nich besetzt', 'die stelle is noch nicht besetzt'],
    ['gibts ne nummer', 'gibt es eine nummer'],
    // At the start of a sentence, capitalised: "Gibts" is "Gibt es", not the one-edit neighbour "Gibt".
    ['Gibts eine Regel, wie lange?', 'Gibt es eine Regel, wie lange?'],
    ['die kennzahlen fürs vorjahr', 'die kennzahlen für das vorjahr'],
    // Swabian and spoken forms.
    ['kann ma des net teilen, gell?', 'kann man des nicht teilen, oder?'],
    ['isch des so', 'ist des so'],
    ['wer sitzt da eigtl mit am tisch', 'wer sitzt da eigentlich mit am tisch'],
    ['wie macht ma des am beschte', 'wie macht man des am besten'],
  ])('reads %j as %j', (typed, read) => {
    expect(correctFunctionWords(typed, unknown)).toBe(read);
  });

  it('leaves nouns, short words, words the corpus knows and correct words alone', () => {
    expect(correctFunctionWords('Wann fährt der nächste Bus nach Wertheim?', unknown)).toBe('Wann fährt der nächste Bus nach Wertheim?');
    expect(correctFunctionWords('Ist eine Kasse nötig?', unknown)).toBe('Ist eine Kasse nötig?');
    expect(correctFunctionWords('wer is zuständig', unknown)).toBe('wer is zuständig');
    // A question word spelt right is not a misspelt neighbour ("worin" is one edit from "wohin").
    expect(correctFunctionWords('Worin besteht die Kernaufgabe?', unknown)).toBe('Worin besteht die Kernaufgabe?');
    expect(correctFunctionWords('wobei hilft das', unknown)).toBe('wobei hilft das');
    expect(correctFunctionWords('kan das sein', (w) => w === 'kan')).toBe('kan das sein');
    // A contraction the corpus uses as a word, or written with a capital (a name), stays.
    expect(correctFunctionWords('mit ner Gemeinde', (w) => w === 'ner')).toBe('mit ner Gemeinde');
    expect(correctFunctionWords('Frau Ner fragt', unknown)).toBe('Frau Ner fragt');
  });
});
