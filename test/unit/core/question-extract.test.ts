/**
 * Question extraction (issue 9 item 1): what the knowledge base is asked for an enquiry, table-driven over
 * wrappings written for this suite (greetings, lead-ins, courtesy, signatures, disclaimers, towns, subjects),
 * none of them taken from the development set of enquiries.
 */
import { loadWrappings } from '../../fixtures/enquiries/wrappings.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractQuestion } from '../../../src/core/triage/index.js';
import { splitSentences } from '../../../src/core/triage/question-sentences.js';

const root = new URL('../../../', import.meta.url).pathname;

describe(extractQuestion.name, () => {
  it.each([
    {
      name: 'greeting, lead-in, courtesy, sign-off and signature block',
      subject: 'Allgemeine Frage',
      text: 'Liebe Kolleginnen und Kollegen,\n\nin unserer letzten Dienstbesprechung kam folgende Frage auf:\nWie lange darf eine Integrationsmanagerin eine Familie begleiten?\n\nVielen Dank vorab für Ihre Mühe!\n\nMit freundlichen Grüßen\nErika Musterfrau\nSachgebietsleitung Soziales\nGemeinde Musterhausen\nTelefon: 07000 12345-67',
      question: 'Wie lange darf eine Integrationsmanagerin eine Familie begleiten?',
    },
    {
      name: 'a town after the question on the same line',
      subject: '',
      text: 'Wie lange darf eine geflüchtete Person beraten werden? Stadt Ulm',
      question: 'Wie lange darf eine geflüchtete Person beraten werden?',
    },
    {
      name: 'a sign-off with a place after the question (Teams)',
      subject: '',
      text: 'Hi! Sind Supervisionskosten förderfähig? LG aus Reutlingen',
      question: 'Sind Supervisionskosten förderfähig?',
    },
    {
      name: 'an office signature without sign-off',
      subject: 'Anfrage',
      text: 'Grüß Gott,\nbis wann ist der Sachbericht einzureichen?\nLandratsamt Calw\nKreissozialamt\nwww.kreis-calw.example',
      question: 'bis wann ist der Sachbericht einzureichen?',
    },
    {
      name: 'a disclaimer after the signature',
      subject: 'Frage zum Förderprogramm IM',
      text: 'Guten Tag Herr Dr. Beispiel,\nwelche Qualifikation brauchen Integrationsmanager?\n\nBeste Grüße\nJana Beispiel\n\nDiese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte den Absender.',
      question: 'welche Qualifikation brauchen Integrationsmanager?',
    },
    {
      name: 'a disclaimer without sign-off',
      subject: '',
      text: 'Ist eine Stellenteilung zulässig?\nBitte prüfen Sie der Umwelt zuliebe, ob der Ausdruck dieser E-Mail erforderlich ist.',
      question: 'Ist eine Stellenteilung zulässig?',
    },
    {
      name: 'a person who asked on behalf of a colleague',
      subject: 'Rückfrage',
      text: 'mein Bürgermeister hat mich gebeten, mich bei Ihnen zu erkundigen.\nWer gehört zur Zielgruppe?\nÜber eine kurze Rückmeldung würde ich mich sehr freuen.',
      question: 'Wer gehört zur Zielgruppe?',
    },
    {
      name: 'a subject that names the topic the question leaves out',
      subject: 'AW: Frage zur Stellenteilung',
      text: 'Hallo, ist das zulässig? Danke und Gruß',
      question: 'Stellenteilung. ist das zulässig?',
    },
    {
      name: 'a subject that names the topic and its years ("Soforthilfe 2023/2024") keeps the year span',
      subject: 'Rückfrage Soforthilfe 2023/2024',
      text: 'Guten Tag,\n\nDürfen wir die Zuwendung an unsere kreisangehörigen Gemeinden weitergeben?\n\nFreundliche Grüße',
      question: 'Soforthilfe 2023/2024. Dürfen wir die Zuwendung an unsere kreisangehörigen Gemeinden weitergeben?',
    },
    {
      name: 'a subject that restates the question, its noun made from the question\'s verb ("Übertragung", "übertragen")',
      subject: 'Übertragung nicht verbrauchter Mittel',
      text: 'Guten Tag,\n\nGibt es eine Regelung, ob nicht verbrauchte Fördermittel ins Folgejahr übertragen werden können?\n\nFreundliche Grüße',
      question: 'Gibt es eine Regelung, ob nicht verbrauchte Fördermittel ins Folgejahr übertragen werden können?',
    },
    {
      name: 'a subject that only names the programme',
      subject: 'Förderung Integrationsmanagement',
      text: 'Welche Ausgaben werden gefördert?',
      question: 'Welche Ausgaben werden gefördert?',
    },
    {
      name: 'a subject naming only the occasion (a council meeting) adds no topic',
      subject: 'Informationen für Gemeinderatssitzung',
      text: 'Wie viele Integrationsmanagerinnen sind landesweit tätig?',
      question: 'Wie viele Integrationsmanagerinnen sind landesweit tätig?',
    },
    {
      name: 'a subject naming another programme',
      subject: 'Digitales Integrationsmanagement',
      text: 'Welche Voraussetzungen gelten?',
      question: 'Digitales. Welche Voraussetzungen gelten?',
    },
    {
      name: 'the context sentence a question refers back to',
      subject: '',
      text: 'Wir überlegen, das Integrationsmanagement an die Caritas zu übertragen. Ist das grundsätzlich möglich?',
      question: 'Wir überlegen, das Integrationsmanagement an die Caritas zu übertragen. Ist das grundsätzlich möglich?',
    },
    {
      name: 'the case a question asks about with "dann", however many things it names',
      subject: '',
      text: 'Wir möchten eine Software über das DIM fördern lassen. Müssen dann auch die anderen Gemeinden im Kreis Zugang bekommen?',
      question: 'Wir möchten eine Software über das DIM fördern lassen. Müssen dann auch die anderen Gemeinden im Kreis Zugang bekommen?',
    },
    {
      name: 'no context for a question that states its own condition',
      subject: '',
      text: 'Unsere Kollegin hört auf. Wenn wir eine Sozialpädagogin mit Studium einstellen, gibt es dann mehr Geld vom Land?',
      question: 'Wenn wir eine Sozialpädagogin mit Studium einstellen, gibt es dann mehr Geld vom Land?',
    },
    {
      name: 'context without the place names in it',
      subject: '',
      text: 'Die Stadt Bad Saulgau möchte eine Integrationsbeauftragte einstellen. Kann diese Stelle gefördert werden?',
      question: 'Die Stadt möchte eine Integrationsbeauftragte einstellen. Kann diese Stelle gefördert werden?',
    },
    {
      name: 'no context for a question that stands on its own',
      subject: '',
      text: 'In Heidelberg haben wir zwei Stellen. Gilt für den Sachbericht eine Frist je Person?',
      question: 'Gilt für den Sachbericht eine Frist je Person?',
    },
    {
      name: 'an indirect question',
      subject: 'Informationen',
      text: 'Guten Tag, wir möchten wissen, wer zur Zielgruppe des Integrationsmanagements gehört.',
      question: 'wir möchten wissen, wer zur Zielgruppe des Integrationsmanagements gehört.',
    },
    {
      name: 'a lead-in naming the topic',
      subject: '',
      text: 'Ich habe eine Frage zum Sachbericht: Wie lang darf er sein?',
      question: 'Sachbericht. Wie lang darf er sein?',
    },
    {
      name: 'a question after a reported claim checks the claim and is asked with it',
      subject: '',
      text: 'Unser neuer Kollege meint, die Bewilligungsstelle sitze im Regierungspräsidium in Stuttgart selbst. Wohin schicken wir Post und Anfragen tatsächlich?',
      question: 'Unser neuer Kollege meint, die Bewilligungsstelle sitze im Regierungspräsidium in Stuttgart selbst. Wohin schicken wir Post und Anfragen tatsächlich?',
    },
    {
      name: 'a question after what the writer has read builds on it',
      subject: '',
      text: 'Ich habe gelesen, die Evaluation hätten zwei Hochschulen durchgeführt. Wer war für welchen Teil zuständig?',
      question: 'Ich habe gelesen, die Evaluation hätten zwei Hochschulen durchgeführt. Wer war für welchen Teil zuständig?',
    },
    {
      name: 'a question pointing with "diese Änderung" asks about the thing its context names, not the rest of that sentence',
      subject: 'Frage zur Förderung',
      text: 'Sehr geehrte Damen und Herren,\n\nbei der Durchsicht unserer Unterlagen sind wir auf die Änderung der VwV vom 11. November 2020 gestoßen.\nAb wann gilt diese Änderung?\n\nFreundliche Grüße\nRechtsamt\nGemeinde Ahornbach',
      question: 'Ab wann gilt die Änderung der VwV vom 11. November 2020?',
    },
    {
      name: 'a heading typed without capitals names the topic of a question without a question mark',
      subject: '',
      text: 'corona: is es foerderschaedlich wenn wir nur telefonisch oder per mail beraten',
      question: 'corona. is es foerderschaedlich wenn wir nur telefonisch oder per mail beraten',
    },
    {
      name: 'a lower-case lead-in of a whole clause is no heading',
      subject: '',
      text: 'wir haben da mal eine frage: wie lang darf der sachbericht sein?',
      question: 'wie lang darf der sachbericht sein?',
    },
    {
      name: 'a heading that names the sender\'s office, not a topic',
      subject: '',
      text: 'Kämmerei Stadt Bruchsal: Bis wann müssen die Kennzahlen beim RP vorliegen?',
      question: 'Bis wann müssen die Kennzahlen beim RP vorliegen?',
    },
    {
      name: 'the subject of a reply names the thread, not a follow-up question with a topic of its own',
      subject: 'AW: Sachbericht Integrationsmanagement',
      text: 'Vielen Dank für Ihre Auskunft zum Sachbericht. Eine Anschlussfrage hätten wir noch: Bis wann müssen die Kennzahlen bei Ihnen sein?',
      question: 'Bis wann müssen die Kennzahlen bei Ihnen sein?',
    },
    {
      name: 'a keyword query inside a wrapping',
      subject: 'Rückfrage',
      text: 'ich hätte eine kurze Frage zum Förderprogramm.\nAbgabefrist VN\n\nDanke schon mal!\n\nViele Grüße\nMax Beispiel',
      question: 'Abgabefrist VN',
    },
    {
      name: 'a statement without question (what the case rules read)',
      subject: 'Sachbericht 2025',
      text: 'Sehr geehrte Damen und Herren,\nanbei erhalten Sie unseren Sachbericht.\nMit freundlichen Grüßen\nStadt Kehl',
      question: 'Sachbericht 2025. anbei erhalten Sie unseren Sachbericht.',
    },
    {
      name: 'a signature after the delimiter and a device trailer',
      subject: '',
      text: 'Ich hoffe, es geht Ihnen gut. Welche Kosten sind förderfähig?\n-- \nMax Beispiel\nGemeinde Weissach\n\nGesendet von meinem iPhone',
      question: 'Welche Kosten sind förderfähig?',
    },
    {
      name: 'a lead-in announcing "einer Frage" and a question referring back',
      subject: 'Kurze Rückfrage IM',
      text: 'Servus,\nich melde mich mit einer Frage zum Förderprogramm. Urlaubsvertretung IM – wie macht man das?\nGruß',
      question: 'Urlaubsvertretung IM – wie macht man das?',
    },
    {
      name: 'an office closing a one-line message without question mark',
      subject: '',
      text: 'Qualifikation der Integrationsmanager (Landkreis Ludwigsburg)',
      question: 'Qualifikation der Integrationsmanager',
    },
    { name: 'the subject when the body is empty', subject: 'Mittelabruf', text: '', question: 'Mittelabruf' },
    {
      name: 'a subject that asks when the body only points to it',
      subject: 'Fortbildungskosten förderfähig?',
      text: 'Hallo, siehe Betreff. Danke!',
      question: 'Fortbildungskosten förderfähig?',
    },
    {
      name: 'a subject that asks about the context of the body',
      subject: 'Ist das zulässig?',
      text: 'Wir möchten die Stelle auf zwei Personen aufteilen.',
      question: 'Wir möchten die Stelle auf zwei Personen aufteilen. Ist das zulässig?',
    },
    {
      name: 'a question pointing back with "dort" keeps the sentence it points to',
      subject: '',
      text: 'Wir möchten zusätzlich eine Integrationsbeauftragte fördern lassen. Wie hoch ist dort der Zuschuss?',
      question: 'Wir möchten zusätzlich eine Integrationsbeauftragte fördern lassen. Wie hoch ist dort der Zuschuss?',
    },
    {
      name: 'a question for a share ("einen Teil davon") keeps the sentence naming the whole, however many nouns it has',
      subject: '',
      text: 'Wir haben die Mittel aus dem Sofortprogramm bekommen. Dürfen wir einen Teil davon an einen Wohlfahrtsverband im Landkreis weitergeben?',
      question: 'Wir haben die Mittel aus dem Sofortprogramm bekommen. Dürfen wir einen Teil davon an einen Wohlfahrtsverband im Landkreis weitergeben?',
    },
    {
      name: '"da" right after the verb points to the event named before',
      subject: '',
      text: 'Im Herbst gab es eine Regionalkonferenz für Integrationsmanager in Stuttgart. Welche Themen standen da im Mittelpunkt?',
      question: 'Im Herbst gab es eine Regionalkonferenz für Integrationsmanager in Stuttgart. Welche Themen standen da im Mittelpunkt?',
    },
    {
      name: '"war das" in the past tense points back like "ist das"',
      subject: '',
      text: 'In der Pandemie hat unsere Integrationsmanagerin nur noch per Telefon beraten. War das für die Förderung ein Problem?',
      question: 'In der Pandemie hat unsere Integrationsmanagerin nur noch per Telefon beraten. War das für die Förderung ein Problem?',
    },
    {
      name: 'a demonstrative "das" after other verbs ("Hatte das Folgen …?", "Bedeutet das …?") points back too',
      subject: '',
      text: 'Während der Pandemie haben unsere Leute fast alles per Telefon erledigt. Hatte das Folgen für die Förderung?',
      question: 'Während der Pandemie haben unsere Leute fast alles per Telefon erledigt. Hatte das Folgen für die Förderung?',
    },
    {
      name: 'an object pronoun ("ihn") and "dagegen" point back to the person named before',
      subject: '',
      text: 'Ein Bewerber hat inzwischen den deutschen Pass. Spricht etwas dagegen, ihn als Integrationsmanager einzustellen?',
      question: 'Ein Bewerber hat inzwischen den deutschen Pass. Spricht etwas dagegen, ihn als Integrationsmanager einzustellen?',
    },
    {
      name: 'a person named before ("Darf sie …?", singular verb; "Dürfen Sie" is the reader) points back',
      subject: '',
      text: 'Wir würden gern eine Frau einstellen, die eingebürgert wurde. Darf sie als Integrationsmanagerin mit Landesförderung arbeiten?',
      question: 'Wir würden gern eine Frau einstellen, die eingebürgert wurde. Darf sie als Integrationsmanagerin mit Landesförderung arbeiten?',
    },
    {
      name: '"den Rest" points back to what the sentence before it names',
      subject: '',
      text: 'Wir werden dieses Jahr nicht das ganze Fördergeld ausgeben. Dürfen wir den Rest ins nächste Jahr mitnehmen?',
      question: 'Wir werden dieses Jahr nicht das ganze Fördergeld ausgeben. Dürfen wir den Rest ins nächste Jahr mitnehmen?',
    },
    {
      name: 'a lower-case "ihre" points back; the reader\'s "Ihre" does not',
      subject: '',
      text: 'Unsere Integrationsmanagerin hört auf. Dürfen wir auf ihre Stelle eine Sozialarbeiterin setzen?',
      question: 'Unsere Integrationsmanagerin hört auf. Dürfen wir auf ihre Stelle eine Sozialarbeiterin setzen?',
    },
    {
      name: '"er" for a noun of its own sentence ("ob er genügt") does not point back',
      subject: '',
      text: 'Die Förderung läuft bald aus, und wir bereiten den Abschluss vor. Wir möchten wissen, bis wann der Sachbericht eingehen muss und ob er in einfacher Ausfertigung genügt.',
      question: 'Wir möchten wissen, bis wann der Sachbericht eingehen muss und ob er in einfacher Ausfertigung genügt.',
    },
    {
      name: '"uns das" points back ("Kann uns das … Probleme machen?")',
      subject: '',
      text: 'Während Corona haben unsere Integrationsmanager viel am Telefon beraten. Kann uns das bei der Förderung Probleme machen?',
      question: 'Während Corona haben unsere Integrationsmanager viel am Telefon beraten. Kann uns das bei der Förderung Probleme machen?',
    },
    {
      name: '"damit" points back, the conjunction after a comma does not',
      subject: '',
      text: 'Unsere Integrationsmanagerin ist lange krank und bekommt kein Entgelt mehr. Ist die Förderzeit damit verloren?',
      question: 'Unsere Integrationsmanagerin ist lange krank und bekommt kein Entgelt mehr. Ist die Förderzeit damit verloren?',
    },
    {
      name: 'a "damit" of purpose points nowhere',
      subject: '',
      text: 'Wir planen das nächste Jahr. Bis wann muss der Sachbericht beim RP sein, damit wir die Frist einhalten?',
      question: 'Bis wann muss der Sachbericht beim RP sein, damit wir die Frist einhalten?',
    },
    {
      name: 'the formal "Sie" and "Ihre" point nowhere',
      subject: '',
      text: 'Wir planen eine neue Stelle. Können Sie uns Ihre Anforderungen an den Sachbericht nennen?',
      question: 'Können Sie uns Ihre Anforderungen an den Sachbericht nennen?',
    },
    {
      name: '"bedeutet das" points back',
      subject: '',
      text: 'Unser Kreis bekommt ab 2025 weniger Mittel. Bedeutet das weniger Stellen?',
      question: 'Unser Kreis bekommt ab 2025 weniger Mittel. Bedeutet das weniger Stellen?',
    },
    {
      name: '"da" after a year the question names itself points within the question',
      subject: '',
      text: 'Wir sind eine kleine Gemeinde. Gab es 2018 da eine Mindestsumme?',
      question: 'Gab es 2018 da eine Mindestsumme?',
    },
    {
      name: 'a heading after the question ("Hinweis: …" of a virus scanner) names no topic of it',
      subject: 'Rückfrage IM',
      text: 'Sehr geehrte Damen und Herren,\n\nnach welchem Schlüssel wurden die Mittel verteilt?\n\nVielen Dank!\nKreiskämmerei\n\nHinweis: Diese Nachricht wurde automatisch auf Viren geprüft.',
      question: 'nach welchem Schlüssel wurden die Mittel verteilt?',
    },
    {
      name: '"damals" takes the year of the sentence before, however many nouns the question names',
      subject: '',
      text: 'Wir zeichnen die Soforthilfe für Vertriebene aus der Ukraine aus dem Jahr 2022 nach. Nach welchem Schlüssel wurden die Mittel damals auf die Stadt- und Landkreise verteilt?',
      question: 'Wir zeichnen die Soforthilfe für Vertriebene aus der Ukraine aus dem Jahr 2022 nach. Nach welchem Schlüssel wurden die Mittel damals auf die Stadt- und Landkreise verteilt?',
    },
    {
      name: '"damals" with a year of its own stands alone',
      subject: '',
      text: 'Wir schreiben einen Bericht für den Kreistag. Nach welchem Schlüssel wurden die Mittel damals 2022 auf die Stadt- und Landkreise verteilt?',
      question: 'Nach welchem Schlüssel wurden die Mittel damals 2022 auf die Stadt- und Landkreise verteilt?',
    },
    { name: 'a greeting alone (triage calls it other)', subject: '', text: 'Hallo!', question: 'Hallo!' },
    { name: 'nothing at all', subject: '', text: '  \n ', question: '' },
  ])('$name', ({ subject, text, question }) => {
    expect(extractQuestion({ subject, text }).text).toBe(question);
  });

  it('points a question back past a sentence that only tells who asks ("Unsere Kämmerei fragt jetzt nach.")', () => {
    const result = extractQuestion({
      subject: '',
      text: 'Wegen der Corona-Lage haben wir die aufsuchende Beratung eingeschränkt. Unsere Kämmerei fragt jetzt nach. War diese Vorgehensweise förderschädlich?',
    });
    expect(result.text).toBe('Wegen der Corona-Lage haben wir die aufsuchende Beratung eingeschränkt. War diese Vorgehensweise förderschädlich?');
  });

  it('reads "…, und seit wann gilt das?" as pointing to its own first clause, "dafür" or "hängt sich das" in a later clause still to the sentence before', () => {
    const own = 'In unserer Abteilung gibt es unterschiedliche Angaben dazu, wie oft die Kennzahlen gemeldet werden. Werden die Kennzahlen im Integrationsmanagement halbjährlich oder jährlich erhoben, und seit wann gilt das?';
    expect(extractQuestion({ subject: '', text: own }).text).toBe('Werden die Kennzahlen im Integrationsmanagement halbjährlich oder jährlich erhoben, und seit wann gilt das?');
    const before = [
      'Wir haben eine Integrationsbeauftragte in Vollzeit. Läuft deren Förderung über das IM-Programm, oder gibt es dafür einen eigenen Topf?',
      'Unser IMler ist im Krankengeldbezug, wir zahlen keinen Lohn mehr. Verfällt die Förderzeit, oder hängt sich das hinten dran?',
      'Wir stellen eine Sozialarbeiterin mit Bachelor ein. Ist die Stelle förderfähig, und gilt das auch für Teilzeit?',
    ];
    for (const text of before) expect(extractQuestion({ subject: '', text }).text).toBe(text);
  });

  it('reads a question reported as raised elsewhere as context beside the writer\'s own question, as the question when it is the only one', () => {
    const both = 'In unserem Kreistag kam die Frage auf, wie der Betrag für unseren Kreis bei der Soforthilfe zustande kam. Nach welchem Maßstab wurden die Mittel der Soforthilfe auf die Kreise verteilt?';
    const result = extractQuestion({ subject: '', text: both });
    expect(result.text).toBe('Nach welchem Maßstab wurden die Mittel der Soforthilfe auf die Kreise verteilt?');
    expect(result.questions).toEqual(['Nach welchem Maßstab wurden die Mittel der Soforthilfe auf die Kreise verteilt?']);
    const only = 'Im Gemeinderat wurde gefragt, wie lange eine Familie begleitet werden darf.';
    expect(extractQuestion({ subject: '', text: only }).text).toBe(only);
  });

  it('leaves out the route places from context and subject words', () => {
    const result = extractQuestion(
      { subject: 'Kennzahlen Trossingen', text: 'In Trossingen fehlen uns Zahlen. Was dafür tun?' },
      { places: ['Trossingen'] },
    );
    expect(result.text).toBe('Kennzahlen. In fehlen uns Zahlen. Was dafür tun?');
  });

  it('returns the asking sentences and the content the case rules read, without lead-in and courtesy', () => {
    const result = extractQuestion({
      text: 'Hallo,\nwir bereiten gerade unseren Antrag vor und fragen uns Folgendes:\nSind Fortbildungskosten förderfähig?\nIch freue mich auf Ihre Antwort.',
    });
    expect(result.questions).toEqual(['Sind Fortbildungskosten förderfähig?']);
    expect(result.content).toBe('Sind Fortbildungskosten förderfähig?');
  });

  it('keeps what a lead-in names in the content ("Frage zu unserem Antrag vom …")', () => {
    const result = extractQuestion({ text: 'Ich habe eine Frage zu unserem Antrag vom 3. März: Wann kommt der Bescheid?' });
    expect(result.content).toBe('unserem Antrag vom 3. März Wann kommt der Bescheid?');
  });

  it('asks a long paste by its first questions only', () => {
    const text = 'Wie hoch ist der Fördersatz? '.repeat(200);
    expect(extractQuestion({ text }).text.length).toBeLessThanOrEqual(1600);
  });
});

describe(`${extractQuestion.name}: every wrapping of test/fixtures/enquiries/wrappings.json leaves the bare question`, () => {
  const w = loadWrappings();
  // Single-sentence questions of the development set: the wrapping must give them back exactly.
  const questions = readFileSync(`${root}test/eval/questions.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question)
    .filter((q) => splitSentences(q).length === 1);
  const pick = <T>(list: T[], i: number): T => list[i % list.length]!;

  it.each(questions.map((q, i) => [q, i] as const))('mail: %s', (question, i) => {
    const lead = pick(w.leadIns, i * 2);
    const text = [
      pick(w.greetings, i),
      lead === '' ? question : `${lead}\n${question}`,
      pick(w.courtesies, i * 3),
      `${pick(w.closings, i)}\n${pick(w.signatures, i * 3)}`,
      pick(w.disclaimers, i),
    ]
      .filter((p) => p !== '')
      .join('\n\n');
    expect(extractQuestion({ subject: pick(w.subjects, i * 5), text }).text).toBe(question);
  });

  it.each(questions.map((q, i) => [q, i] as const))('teams: %s', (question, i) => {
    expect(extractQuestion({ text: pick(w.teams, i).replace('{q}', question) }).text).toBe(question);
  });
});

describe(splitSentences.name, () => {
  it.each([
    ['Gilt das z. B. in der Elternzeit? Stadt Ulm', ['Gilt das z. B. in der Elternzeit?', 'Stadt Ulm']],
    ['Sie fängt am 1.5. an. Gilt das ab dem 2. Halbjahr?', ['Sie fängt am 1.5. an.', 'Gilt das ab dem 2. Halbjahr?']],
    ['Die Förderung endet im September 2026. Gilt die Frist?', ['Die Förderung endet im September 2026.', 'Gilt die Frist?']],
    ['Allgemeine Frage: gilt Nr. 5 der VwV bzw. Abs. 3?', ['Allgemeine Frage:', 'gilt Nr. 5 der VwV bzw. Abs. 3?']],
    ['Az.: RPS15-5512 um 10:12 eingegangen. ok', ['Az.: RPS15-5512 um 10:12 eingegangen. ok']],
    ['Pakt-Assistent Wie viele Geflüchtete soll ein Integrationsmanager betreuen?', ['Pakt-Assistent', 'Wie viele Geflüchtete soll ein Integrationsmanager betreuen?']],
    ['Wir wissen nicht, wie lange das dauert und was gilt.', ['Wir wissen nicht, wie lange das dauert und was gilt.']],
    // A condition before a colon belongs to the question it conditions; a heading before a colon does not.
    ['Falls die Kollegin ausfällt: Wer vertritt sie?', ['Falls die Kollegin ausfällt: Wer vertritt sie?']],
    ['Wenn keine Hausbesuche möglich sind: Was müssen wir anbieten?', ['Wenn keine Hausbesuche möglich sind: Was müssen wir anbieten?']],
    ['Frage zur Vertretung: Wer vertritt sie?', ['Frage zur Vertretung:', 'Wer vertritt sie?']],
  ])('%s', (text, sentences) => {
    expect(splitSentences(text)).toEqual(sentences);
  });
});

describe(`${extractQuestion.name}: what a question needs from the sentences around it`, () => {
  it('asks "Reicht es, wenn …?" with the sentence that says what it should suffice for', () => {
    const text = 'Wir möchten über das DIM eine Fallmanagement-Software anschaffen. Reicht es, wenn nur unsere eigenen zwei Integrationsmanagerinnen einen Zugang bekommen?';
    expect(extractQuestion({ subject: 'Anfrage', text }).text).toContain('Fallmanagement-Software');
  });

  it('keeps a question that a colon opens to its details, and drops a lead-in before a colon', () => {
    const asked = extractQuestion({ subject: '', text: 'Was wurde 2019 an der Förderdauer geändert: Um wie viele Monate konnten Arbeitsverhältnisse verlängert werden?' }).text;
    expect(asked).toContain('2019');
    expect(extractQuestion({ subject: '', text: 'Was ich noch fragen wollte: Bis wann müssen die Kennzahlen gemeldet werden?' }).text).toBe('Bis wann müssen die Kennzahlen gemeldet werden?');
  });

  it('drops a request that only asks for the answer to the question before it, and keeps it when it is the only question', () => {
    const text = 'Hallo, unsere Integrationsmanager fragen, bis wann sie die Jahreskennzahlen für das letzte Jahr abgeben müssen. Können Sie uns den Termin nennen? Gruß, Stadt Rabenstetten';
    expect(extractQuestion({ subject: 'Kennzahlen', text }).text).not.toContain('Termin nennen');
    // The case rules still read it (a request to the RP counts there, with its reason).
    expect(extractQuestion({ subject: 'Kennzahlen', text }).content).toContain('Können Sie uns den Termin nennen?');
    expect(extractQuestion({ subject: 'Kennzahlen', text: 'Die Kennzahlen sind bald fällig. Können Sie uns den Termin nennen?' }).text).toContain('Termin nennen');
  });
});
