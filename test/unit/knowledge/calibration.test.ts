/**
 * Ranking and calibration on the shipped knowledge (issue 9): the right passage ranks first at least as often as
 * with MiniSearch's default options on every development set, an "answer" is right in at least 96 % of cases over
 * all sets together, and questions naming another year, programme or an amount are not answered from a passage
 * that shares their words but not those facts.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { buildDefaultIndex, matchesReference, score, type EvalQuestion, type KnowledgeBase } from '../../../src/knowledge/index.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';

const root = new URL('../../../', import.meta.url).pathname;
const load = (file: string): EvalQuestion[] =>
  readFileSync(root + file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EvalQuestion);

const SETS = [
  'test/eval/questions.jsonl',
  'test/eval/questions-2.jsonl',
  'test/fixtures/knowledge/paraphrases.jsonl',
  'test/fixtures/knowledge/paraphrases-2.jsonl',
  'test/fixtures/knowledge/typos.jsonl',
  'test/fixtures/knowledge/heldout-like.jsonl',
];

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await openKnowledgeBase({ dir: `${root}knowledge`, logger: silentLogger });
});

describe('ranking against MiniSearch defaults', () => {
  it.each(SETS)('ranks the right passage first at least as often as the baseline (%s)', (file) => {
    const questions = load(file);
    const baseline = buildDefaultIndex(kb.passages());
    const ours = score(questions, questions.map((q) => kb.ask(q.question).hits.map((h) => h.id)));
    const theirs = score(questions, questions.map((q) => baseline(q.question, 5)));
    expect(ours.hit1).toBeGreaterThanOrEqual(theirs.hit1);
  });
});

describe('calibration of answers', () => {
  it('answers right in at least 96 % of cases over all development sets, and in at least 90 % within each', () => {
    let answered = 0;
    let right = 0;
    for (const file of SETS) {
      const results = load(file).map((q) => ({ q, r: kb.ask(q.question) })).filter((x) => x.r.outcome === 'answer');
      const ok = results.filter((x) => x.q.expected.some((e) => matchesReference(x.r.answer!.passageId, e))).length;
      expect(ok / Math.max(1, results.length), file).toBeGreaterThanOrEqual(0.9);
      answered += results.length;
      right += ok;
    }
    expect(right / answered).toBeGreaterThanOrEqual(0.96);
  });

  it.each([
    ['another year than the question names', 'Antragsfrist Soforthilfe 2023?', 'ukraine#2022-antrag'],
    ['a programme the question does not name', 'Was war der Planungsrahmen und wie wurde er berechnet?', 'ukraine#2022-verteilung'],
    ['a narrower kind of the asked thing', 'Wann muss der VN beim RP sein?', 'aenderung-2020#zwischennachweis'],
  ])('does not answer from %s', (_kind, question, wrong) => {
    const r = kb.ask(question);
    expect(r.outcome === 'answer' ? r.answer!.passageId : null).not.toBe(wrong);
  });

  it('does not answer from a passage that names neither the noun asked for nor leads clearly', () => {
    // The chronicle of 2017/2018 shares Jahr, Mittel, RP and Kommune; no passage names payment dates (Termine).
    const r = kb.ask('Zu welchen Terminen im Jahr zahlt das RP die bewilligten IM-Mittel aus, und muss die Kommune dafür jedes Mal einen eigenen Mittelabruf stellen?');
    expect(r.outcome).not.toBe('answer');
  });

  it('does not answer an amount question from a passage that misses the other noun asked for ("welchem Stichtag")', () => {
    // The 2017/2018 chronicle names Geld, Gemeinden and 2017, not the Stichtag; the Planungsrahmen does, tied with it.
    const r = kb.ask('Ich bin Auszubildende im Landratsamt und soll erklären, wie 2017 festgelegt wurde, wie viel Geld jede Gemeinde für Integrationsmanager bekommt. Nach welcher Zahl und welchem Stichtag wurde das berechnet?');
    expect(r.answer?.passageId ?? null).not.toBe('chronik#2017-2018');
  });

  it('answers a question about a programme from that programme, not from the general rules', () => {
    const r = kb.ask('Wie viel Geld gibt es für das DIM?');
    expect(r.hits[0]?.id).toBe('dim#programm');
  });

  it('answers a long question from the passage that leads clearly on its topic, despite its context words', () => {
    const r = kb.ask('Bei uns im Gemeinderat kam die Frage auf, ob der Landesrechnungshof die IM-Förderung für zu großzügig hält. Was hat der konkret beanstandet?');
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toBe('rechnungshof#befunde');
  });

  it('of two passages tied on score, puts first the one naming more of what was asked', () => {
    // aenderung-2020#unterbrechung and #bewilligungszeitraum score within a fraction of a percent of each other;
    // only the first names Mutterschutz and Elternzeit.
    const r = kb.ask('Mitarbeiterin in Mutterschutz und Elternzeit – verlängert sich der Bewilligungszeitraum?');
    expect(r.hits[0]?.id).toBe('aenderung-2020#unterbrechung');
  });

  it('of two passages nearly tied, keeps first the one naming the noun asked for, whatever an unrelated entry does to the weights', async () => {
    // ukraine#2022-verteilung names the Schlüssel; ukraine#2022 names more of the rest (Stadt, Landkreis) and scores
    // within 2 % of it. An unrelated FAQ entry shifts the word weights enough to swap them by the words alone.
    const dir = mkdtempSync(join(tmpdir(), 'pakt-tie-'));
    try {
      cpSync(`${root}knowledge`, dir, { recursive: true });
      const entry = ['', '## Sind Dolmetscherkosten förderfähig? {#dolmetscher}', '<!-- fragen: Sind Dolmetscher förderfähig? | Zahlt die Förderung Übersetzungen? -->', '<!-- quelle: Testeintrag -->', '<!-- stand: 2026-12-06 -->', '', 'Ob Dolmetscherkosten förderfähig sind, entscheidet die Sachbearbeitung im Einzelfall.', ''];
      appendFileSync(join(dir, 'faq.md'), entry.join('\n'));
      const question = 'Nach welchem Schlüssel wurden die Ukraine-Mittel 2022 auf die Stadt- und Landkreise aufgeteilt?';
      for (const base of [kb, await openKnowledgeBase({ dir, logger: silentLogger })]) expect(base.ask(question).hits[0]?.id).toBe('ukraine#2022-verteilung');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a question naming a year from the passage about that year, not from one about later years that recalls it', () => {
    const r = kb.ask('Wie wurde das IM 2019 bezahlt, als die Bundespauschale noch nicht verlängert war, und um wie lange konnten Stellen damals verlängert werden?');
    expect(r.hits[0]?.id).toBe('chronik#2019');
    expect(r.answer?.passageId ?? 'none').not.toBe('chronik#2020-2021');
  });

  it.each([
    // VwV is the Verwaltungsvorschrift: a title naming one does not outname a passage naming the other.
    ['Ab welchem Datum gilt die Änderung der Verwaltungsvorschrift vom November 2020?', /^aenderung-2020#inkrafttreten$/],
    // "online" is a synonym of digital, but it names no DIM question; "IMler" are Integrationsmanager.
    ['wie haben andere IMler in der Pandemie beraten – per Telefon oder auch online?', /^corona#praxis$/],
    // Typed in lower case but for an abbreviation: the nouns still count as nouns.
    ['bis wann müssen die IM-kennzahlen fürs vorjahr eigentlich bei euch sein?', /#kennzahlen$/],
  ])('answers %j', (question, passage) => {
    const r = kb.ask(question);
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toMatch(passage);
  });

  it('declines a question about benefits law (Asylbewerberleistungsgesetz) though a passage shares its "Satz"', () => {
    expect(kb.ask('Wie hoch ist der Regelsatz nach dem Asylbewerberleistungsgesetz für ein Kind?').outcome).toBe('out_of_scope');
  });

  it('prefers the passage on the year the question names', () => {
    expect(kb.ask('Antragsfrist Soforthilfe 2023?').hits[0]?.id).toBe('ukraine#2023-2024');
  });

  it.each([
    ['a date and a month abbreviation', 'Die Änderung der VwV kam im Nov. 2020 – ab welchem Datum gilt sie?', 'aenderung-2020#inkrafttreten'],
    ['a colloquial pronoun opening a second sentence', 'An welche Postadresse schicken wir den Antrag? Irgendwas in Wertheim, oder?', 'kontakt#bewilligungsstelle'],
  ])('answers a question whose only words unknown to the knowledge base are generic (%s)', (_kind, question, id) => {
    const r = kb.ask(question);
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toBe(id);
  });

  it.each([
    // Both Kennzahlen passages state "nach Nr. 6.2 der VwV".
    ['Ziffer for the VwV number', 'Auf welche Ziffer der VwV stützt sich die Kennzahlenabfrage?', ['aenderung-2020#kennzahlen', 'verwendungsnachweis#kennzahlen']],
    ['Topf for the funds', 'Wie viel war 2019 im Topf?', 'chronik#2019'],
  ])('answers in the everyday word for a programme term (%s)', (_kind, question, id) => {
    const r = kb.ask(question);
    expect(r.outcome).toBe('answer');
    expect([id].flat()).toContain(r.answer?.passageId);
  });

  it('answers from the passage on the year asked when the rivals by words speak of other years only', () => {
    // The second part names things the knowledge base never mentions; the rival on 2022 is no rival for 2023.
    const r = kb.ask('Gab es 2023 noch eine zweite Runde der Soforthilfe Ukraine, und ging das Geld auch an Syrer?');
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toBe('ukraine#2023-2024');
  });

  it('does not answer a question about today from the chronicle of earlier years, and does answer one about the past', () => {
    // The 2017 release of 60 % of the funds shares "Mittel", "Förderung", "ausgezahlt" with the question; it is history.
    const today = kb.ask('Zu welchen Terminen im Jahr können wir die bewilligten Mittel abrufen, und in wie vielen Raten wird die Förderung ausgezahlt?');
    expect(today.outcome).not.toBe('answer');
    expect(today.hits[0]?.id).toBe('chronik#2017-2018');
    expect(kb.ask('Müssen wir Fördergeld zurückzahlen, wenn eine Integrationsmanagerstelle ein paar Monate unbesetzt bleibt?').outcome).not.toBe('answer');
    const past = kb.ask('Wurde anfangs nur ein Teil der Mittel ausgezahlt?');
    expect(past.outcome).toBe('answer');
    expect(past.answer?.passageId).toBe('chronik#2017-2018');
  });

  it('ranks the passage on the asked topic above the chronicle of the year the question merely mentions', () => {
    expect(kb.ask('Wo fand im Juli 2019 die Regionalkonferenz statt?').hits[0]?.id).toBe('termine#regionalkonferenzen');
  });

  it('gives no answer from a passage that names the topic only in its body and covers little of the question', () => {
    const r = kb.ask('Welches Datum trägt sie, und was heißt sie für unsere Stellen im Jahr 2024?');
    expect(r.outcome).not.toBe('answer');
  });

  it('answers a question whose one clause the best passage answers clearly, and names the clause it does not cover', () => {
    const r = kb.ask('Ab wann fließt der Zuschuss, und sind Büromöbel auch mit drin?');
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toBe('im#festbetrag');
    expect(r.answer?.text).toContain('„sind Büromöbel auch mit drin?“ enthält diese Quelle keine Angabe');
  });

  it('does not answer from a clause of few words that its passage covers only in part', () => {
    const r = kb.ask('Die Stelle ist seit drei Monaten unbesetzt – müssen wir Geld zurückzahlen?');
    expect(r.outcome).not.toBe('answer');
  });

  it('does not answer from a clause that leans on the one before it ("wenn ja, in welcher Höhe?": "höheren" is no "Höhe")', () => {
    const r = kb.ask(
      'Können neben den Personalkosten auch Sachkosten wie Büroausstattung oder Dolmetscherleistungen geltend gemacht werden? Gibt es dafür eine Pauschale, und wenn ja, in welcher Höhe?',
    );
    expect(r.outcome).not.toBe('answer');
  });

  it('does not answer from a clause with a pronoun for what the clause before it names ("für welchen Zeitraum gelten sie?")', () => {
    // "gelten sie" alone met the Muster "für den gesamten Förderzeitraum" with confidence 1.
    const r = kb.ask('Die Zahlen zum Integrationsmanagement, die wir jedes Jahr ans Regierungspräsidium melden müssen – bis wann müssen die dort sein, und für welchen Zeitraum gelten sie?');
    expect(r.answer?.passageId ?? null).not.toBe('verwendungsnachweis#muster');
  });

  it('does not answer a conditional question from the passage on its condition: "Wenn … – schreibt dann jeder Verband …?"', () => {
    // The condition is no clause asked on its own: the passage on Träger answers it, not what the main clause asks.
    const r = kb.ask('Wenn wir die Beratung an drei verschiedene Wohlfahrtsverbände vergeben haben – schreibt dann jeder Verband seinen eigenen Sachbericht?');
    expect(r.answer?.passageId ?? null).not.toBe('faq#traeger');
  });

  it.each([
    ['"max" for höchstens, typed in a hurry', 'max bewilligungszeitraum je im nach der aenderung 2020?', ['aenderung-2020#bewilligungszeitraum']],
    ['"geflohen" for refugees', 'Seit wann dürfen Integrationsmanager auch Leute beraten, die aus der Ukraine geflohen sind?', ['faq#ukraine-zielgruppe', 'im#zielgruppe', 'chronik#2022']],
    ['"Problem" as no topic of its own ("War das … ein Problem?")', 'Homeoffice und Telefonberatung: unsere Integrationsmanagerin hat in der Pandemie fast nur telefonisch und per E-Mail beraten. War das für die Förderung ein Problem?', ['corona#beratung', 'corona#praxis']],
    ['"gehört" as no topic ("Was gehört in den Bericht …?")', 'Was gehört in den Bericht, den wir am Ende schreiben müssen, und wie ausführlich muss der sein? Wir haben drei Integrationsmanager – schreiben wir dann drei Berichte?', ['verwendungsnachweis#sachbericht', 'faq#sachberichte']],
    ['"Sammelunterkunft" for the vorläufige Unterbringung', 'Um welche Geflüchteten dürfen sich unsere Leute kümmern? Auch um die, die noch in der Sammelunterkunft vom Landkreis wohnen, oder erst, wenn sie bei uns in der Gemeinde untergebracht sind?', ['im#zielgruppe']],
  ])('answers with %s', (_kind, question, ids) => {
    expect(ids).toContain(kb.ask(question).answer?.passageId);
  });

  it('reads an inflected participle ("die ausgeschriebene Stelle") as a verb form, not as an unknown compound (ausg|chrieb)', () => {
    const r = kb.ask('Genügt es, im Antrag die ausgeschriebene Stelle zu nennen, oder müssen wir schon wissen, wer sie bekommt?');
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toBe('faq#person-bei-antrag');
  });

  it('answers an amount for a year from the passage about the asked thing when the year\'s chronicle names less of it', () => {
    // The rates name the Vollzeitstelle the question asks about; the chronicle of 2017/2018 does not.
    const rates = kb.ask('Wie hoch war in der ersten Förderphase 2017/2018 der Festbetrag je Vollzeitstelle für eine Integrationsmanagerin mit mittlerem Bildungsabschluss?');
    expect(rates.outcome).toBe('answer');
    expect(rates.answer?.passageId).toBe('im#foerdersaetze');
    // A total for a year: the rates name nothing of it that the passage on that year does not, so the year's passage
    // goes first and answers (breakTie), as the chronicle of 2020/2021 does for those years.
    const total = kb.ask('Mit welchem Betrag fördert das Land das Integrationsmanagement im Jahr 2026?');
    expect(total.hits[0]?.id).toBe('chronik#ab-2025');
    expect(total.answer?.passageId).toBe('chronik#ab-2025');
    expect(kb.ask('Mit welchen Beträgen hat das Land den Pakt in den Jahren 2020 und 2021 weiterfinanziert?').answer?.passageId).toBe('chronik#2020-2021');
  });

  it('reads "N Prozent" of a post as its share (Stellenanteil), and a small number as no topic of its own', () => {
    // "30" must not tie the question to a passage naming the 30th of a month.
    for (const q of ['Geht eine Integrationsmanager-Stelle auch mit 30 Prozent?', 'Dürfen wir eine Integrationsmanagerin mit nur 25 Prozent Stellenanteil beschäftigen?']) {
      const r = kb.ask(q);
      expect(r.outcome === 'answer' ? r.answer!.passageId : r.hits[0]?.id).toMatch(/^(?:faq#stellenteilung|im#stellen)$/);
    }
  });

  it('does not answer from a clear lead when nearly half of the question is about things the knowledge base never names', () => {
    // Triage unseen-5 g15: ESF, Projekt, Kombination and Doppelförderung are unknown (share 0.47); the rates passage
    // leads clearly on Fachkraft, Stelle and gefördert, but says nothing about combining the two funds.
    const r = kb.ask(
      'Kombination ESF-Mitteln. Dürfte eine Fachkraft, deren Stelle zu 50 % über das Integrationsmanagement gefördert wird, mit den übrigen 50 % in diesem ESF-Projekt arbeiten, oder wäre das eine unzulässige Doppelförderung?',
    );
    expect(r.outcome).not.toBe('answer');
  });

  it('does not answer from a passage that names the asked word only by a synonym while the next names it in its title', () => {
    const r = kb.ask('Worauf beruhte der Planungsrahmen und wie wurde er berechnet?');
    expect(r.outcome === 'answer' ? r.answer!.passageId : 'im#planungsrahmen').toBe('im#planungsrahmen');
  });

  it('answers from the passage on the noun asked for, though a word of the question\'s context is the title of another', () => {
    // "welche Frist": the passage on the Frist answers; the one titled Bewilligungszeitraum is context, not the topic.
    for (const q of [
      'Bis zu welcher Frist muss man den Sachbericht nach dem Ende des Bewilligungszeitraums einreichen?',
      'Welche Frist gilt für den Sachbericht nach Ablauf des Bewilligungszeitraums?',
    ]) {
      const r = kb.ask(q);
      expect([r.outcome, r.answer?.passageId]).toEqual(['answer', 'verwendungsnachweis#frist']);
    }
  });

  it('answers a question made of the programme name and a question word when only the best passage is about what it asks for', () => {
    const r = kb.ask('Wozu gibt es die Integrationsmanagerinnen überhaupt?');
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toBe('im#zweck');
    expect(kb.ask('Förderung?').outcome).not.toBe('answer');
  });

  it('does not count a district named in the context of the question as an unknown topic, but one in the asked clause', () => {
    const r = kb.ask('Unsere Nachbargemeinde liegt im Landkreis Heidenheim, wir im Kreis Göppingen – können wir trotzdem gemeinsam einen Antrag stellen?');
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toMatch(/zusammenschluss/);
    expect(kb.ask('Wie viel Geld bekommt die Gemeinde Oberstenfeld 2025 für das IM?').outcome).not.toBe('answer');
  });

  it.each([['Ab wann muss man in Baden-Württemberg Winterreifen aufziehen?'], ['Wie hoch ist die Grunderwerbsteuer in Baden-Württemberg?']])(
    'does not answer %j from a passage that only names the Land (synonyme.yaml allgemein)',
    (question) => {
      expect(kb.ask(question).outcome).not.toBe('answer');
    },
  );

  it.each([['Wann fährt der nächste Bus nach Wertheim?'], ['Wie ist das Wetter morgen?'], ['Was kostet ein Busticket?'], ['Was kostet eine Kugel Eis?'], ['Wie richte ich in Outlook eine Abwesenheitsnotiz ein?'], ['Ab wann sind dieses Jahr Sommerferien?'], ['Brauchen wir für das Straßenfest eine Genehmigung vom Ordnungsamt?']])(
    'declines the everyday question %j',
    (question) => {
      expect(kb.ask(question).outcome).toBe('out_of_scope');
    },
  );

  it('completes a word cut off by a hyphen with the head of the compound after it (Fehlbedarfs- oder Festbetragsfinanzierung)', () => {
    const r = kb.ask('Gibt es im IM eine Fehlbedarfs- oder eine Festbetragsfinanzierung?');
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toBe('im#festbetrag');
    expect(r.question).toBe('Gibt es im IM eine Fehlbedarfs- oder eine Festbetragsfinanzierung?');
  });

  it.each([['wie funktioniert der Mittelabruf?'], ['Sind Supervisionskosten förderfähig?'], ['Sachbricht wie lang']])(
    'keeps the programme question %j (unknown or misspelt nouns) in scope',
    (question) => {
      expect(kb.ask(question).outcome).not.toBe('out_of_scope');
    },
  );
});
