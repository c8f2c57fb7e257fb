/** Table-driven tests, one table per resolver rule of issue 3. */
import { describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../src/core/routing.js';
import { candidateKreise, realRouter } from './helpers.js';

type Row = [what: string, input: string | RouteInput, status: 'resolved' | 'ambiguous' | 'unknown', kreise: string[], gemeinde?: string | null];

const router = realRouter();

function check([, input, status, kreise, gemeinde]: Row): void {
  const result = router.route(input);
  expect(result.status).toBe(status);
  if (status === 'resolved') {
    expect(result.kreis?.ags).toBe(kreise[0]);
    if (gemeinde !== undefined) expect(result.gemeinde?.name ?? null).toBe(gemeinde);
  } else {
    expect(candidateKreise(result)).toEqual([...kreise].sort());
    expect(result.kreis).toBeNull();
    expect(result.gemeinde).toBeNull();
  }
}

describe('explicit Kreis mentions', () => {
  const rows: Row[] = [
    ['Landkreis X', 'Landkreis Böblingen, Amt für Migration', 'resolved', ['08115'], null],
    ['Landratsamt X', 'Landratsamt Tübingen', 'resolved', ['08416'], null],
    ['LRA X', 'LRA Göppingen', 'resolved', ['08117'], null],
    ['Lkr. X', 'Lkr. Konstanz', 'resolved', ['08335'], null],
    ['Kreis X', 'Kreis Ludwigsburg, Fachbereich Integration', 'resolved', ['08118'], null],
    ['X-Kreis', 'Rems-Murr-Kreis', 'resolved', ['08119'], null],
    ['one-word Kreis name', 'Wir sind eine Gemeinde im Ortenaukreis.', 'resolved', ['08317'], null],
    ['X-Kreis with Landratsamt', 'Landratsamt Main-Tauber-Kreis', 'resolved', ['08128'], null],
    ['Landratsamt named by its seat', 'Landratsamt Waiblingen', 'resolved', ['08119'], null],
    ['Landkreis named by the Stadtkreis it surrounds', 'Landkreis Freiburg', 'resolved', ['08315'], null],
    ['Stadtkreis X', 'Stadtkreis Heilbronn', 'resolved', ['08121'], 'Heilbronn'],
    ['Landkreis Heilbronn is not the Stadtkreis', 'Landkreis Heilbronn', 'resolved', ['08125'], null],
    ['Stadt Karlsruhe is the Stadtkreis', 'Stadt Karlsruhe, Sozial- und Jugendbehörde', 'resolved', ['08212'], 'Karlsruhe'],
    ['Landkreis Karlsruhe is not the Stadtkreis', 'Landkreis Karlsruhe, Sozialdezernat', 'resolved', ['08215'], null],
    ['Stadt X for a Stadtkreis', 'Stadt Pforzheim', 'resolved', ['08231'], 'Pforzheim'],
    ['Stadt Freiburg short form', 'Stadt Freiburg, Amt für Migration', 'resolved', ['08311'], 'Freiburg im Breisgau'],
    ['Kreis without municipality: Breisgau-Hochschwarzwald', 'Landkreis Breisgau-Hochschwarzwald', 'resolved', ['08315'], null],
  ];
  it.each(rows)('%s', (...row) => check(row));
});

describe('municipalities with prefixes and inflections', () => {
  const rows: Row[] = [
    ['Gemeinde X', 'Gemeinde Aidlingen', 'resolved', ['08115'], 'Aidlingen'],
    ['Große Kreisstadt X', 'Große Kreisstadt Leonberg', 'resolved', ['08115'], 'Leonberg'],
    ['Bürgermeisteramt X', 'Bürgermeisteramt Gäufelden', 'resolved', ['08115'], 'Gäufelden'],
    ['Stadtverwaltung X', 'Stadtverwaltung Ulm, Abteilung Soziales', 'resolved', ['08421'], 'Ulm'],
    ['Gemeindeverwaltung X', 'Gemeindeverwaltung Baiersbronn', 'resolved', ['08237'], 'Baiersbronn'],
    ['wir als Gemeinde X', 'Wir als Gemeinde Ostrach fragen nach dem Sachbericht.', 'resolved', ['08437'], 'Ostrach'],
    ['aus X (greeting)', 'Viele Grüße aus Nagold', 'resolved', ['08235'], 'Nagold'],
    ['in X (self)', 'Ich arbeite als Integrationsmanager in Sinsheim.', 'resolved', ['08226'], 'Sinsheim'],
    ['der Stadt X', 'Integrationsmanagement der Stadt Biberach an der Riß', 'resolved', ['08426'], 'Biberach an der Riß'],
    ['hyphenated name', 'Grüße aus Villingen-Schwenningen', 'resolved', ['08326'], 'Villingen-Schwenningen'],
    ['district joined by a hyphen', 'Grüße aus Heidelberg-Kirchheim', 'resolved', ['08221'], 'Heidelberg'],
    ['district in the address line', 'Stadt Stuttgart\nRathaus\n70563 Stuttgart-Vaihingen', 'resolved', ['08111'], 'Stuttgart'],
    ['slash qualifier Vaihingen/Enz', 'Stadt Vaihingen/Enz', 'resolved', ['08118'], 'Vaihingen an der Enz'],
    ['genitive Landkreises', 'im Auftrag des Landkreises Göppingen\nAmt für Integration', 'resolved', ['08117'], null],
    ['Sankt for St.', 'Gemeinde Sankt Peter', 'resolved', ['08315'], 'St. Peter'],
  ];
  it.each(rows)('%s', (...row) => check(row));
});

describe('official names with qualifiers, slashes and parentheses', () => {
  const rows: Row[] = [
    ['Weil der Stadt', 'Stadt Weil der Stadt', 'resolved', ['08115'], 'Weil der Stadt'],
    ['Weil am Rhein', 'Stadt Weil am Rhein', 'resolved', ['08336'], 'Weil am Rhein'],
    ['Weil im Schönbuch', 'Gemeinde Weil im Schönbuch', 'resolved', ['08115'], 'Weil im Schönbuch'],
    ['Weil alone is ambiguous', 'Stadt Weil', 'ambiguous', ['08115', '08336']],
    ['Kirchberg alone is ambiguous', 'Gemeinde Kirchberg', 'ambiguous', ['08119', '08127', '08426']],
    ['Kirchberg an der Jagst', 'Stadt Kirchberg an der Jagst', 'resolved', ['08127'], 'Kirchberg an der Jagst'],
    ['Lahr/Schwarzwald', 'Stadt Lahr/Schwarzwald', 'resolved', ['08317'], 'Lahr/Schwarzwald'],
    ['Lahr without qualifier', 'Stadt Lahr', 'resolved', ['08317'], 'Lahr/Schwarzwald'],
    ['Weingarten (Baden)', 'Gemeinde Weingarten (Baden)', 'resolved', ['08215'], 'Weingarten (Baden)'],
    ['Weingarten alone is ambiguous', 'Stadt Weingarten', 'ambiguous', ['08215', '08436']],
    ['abbreviated qualifier a. Rh.', 'Stadt Weil a. Rh.', 'resolved', ['08336'], 'Weil am Rhein'],
    ['abbreviated qualifier u. T.', 'Stadt Kirchheim u. T.', 'resolved', ['08116'], 'Kirchheim unter Teck'],
    ['abbreviated qualifier i. Br.', 'Stadt Freiburg i. Br.', 'resolved', ['08311'], 'Freiburg im Breisgau'],
    ['slash qualifier', 'Gemeinde Dettingen/Erms', 'resolved', ['08415'], 'Dettingen an der Erms'],
    ['X bei Y picks the Kreis of Y', 'Gemeinde Malsch bei Ettlingen', 'resolved', ['08215'], 'Malsch'],
    ['same name in two Kreise', 'Gemeinde Altdorf', 'ambiguous', ['08115', '08116']],
    ['same name narrowed by a Kreis mention', 'Gemeinde Altdorf, Landkreis Esslingen', 'resolved', ['08116'], 'Altdorf'],
  ];
  it.each(rows)('%s', (...row) => check(row));
});

describe('ASCII spellings', () => {
  const rows: Row[] = [
    ['ae for ä', 'Stadt Schwaebisch Hall', 'resolved', ['08127'], 'Schwäbisch Hall'],
    ['oe for ö', 'Stadt Loerrach', 'resolved', ['08336'], 'Lörrach'],
    ['dropped umlaut', 'Stadt Schwabisch Gmund', 'resolved', ['08136'], 'Schwäbisch Gmünd'],
    ['ss for ß', 'Gemeinde Grossbottwar', 'resolved', ['08118'], 'Großbottwar'],
    ['upper case', 'GEMEINDE AIDLINGEN', 'resolved', ['08115'], 'Aidlingen'],
    ['decomposed umlaut (NFD)', 'Stadt Lo\u0308rrach', 'resolved', ['08336'], 'Lörrach'],
    ['HTML leftovers', 'Viele Grüße<br>Gemeinde&nbsp;Aidlingen', 'resolved', ['08115'], 'Aidlingen'],
    ['soft hyphen and zero-width space from HTML mail', 'Gemeinde Aid\u00adlin\u200bgen', 'resolved', ['08115'], 'Aidlingen'],
    ['ASCII Kreis', 'Landratsamt Loerrach', 'resolved', ['08336'], null],
  ];
  it.each(rows)('%s', (...row) => check(row));
});

describe('postal codes and address lines', () => {
  const rows: Row[] = [
    ['PLZ alone', 'Viele Grüße aus 71134', 'resolved', ['08115'], 'Aidlingen'],
    ['PLZ and town', 'Rathausplatz 1\n72250 Freudenstadt', 'resolved', ['08237'], 'Freudenstadt'],
    ['PLZ shared by two Kreise is ambiguous', 'PLZ 72250', 'ambiguous', ['08237', '08317']],
    ['PLZ decides a shared name', 'Hauptstraße 1\n71155 Altdorf', 'resolved', ['08115'], 'Altdorf'],
    ['D- prefix', 'Marktplatz 1, D-89073 Ulm', 'resolved', ['08421'], 'Ulm'],
    ['PLZ outside BW', '45127 Essen', 'unknown', []],
    ['town after a foreign PLZ does not count', 'Rathausplatz 1\n90518 Altdorf', 'unknown', []],
    ['Postfach PLZ not in the list: town decides', 'Postfach 1152\n71003 Böblingen', 'resolved', ['08115'], 'Böblingen'],
    ['amounts are not postal codes', 'Wir haben 25000 Euro für 2026 beantragt.', 'unknown', []],
    ['phone numbers are not postal codes', 'Tel. 07031 66312', 'unknown', []],
  ];
  it.each(rows)('%s', (...row) => check(row));
});

describe('sender domains', () => {
  const rows: Row[] = [
    ['municipality domain', { text: 'Hallo', from: 'info@aidlingen.de' }, 'resolved', ['08115'], 'Aidlingen'],
    ['stadt- prefix', { text: 'Hallo', from: 'a.b@stadt-ulm.de' }, 'resolved', ['08421'], 'Ulm'],
    ['hyphenated name', { text: 'Hallo', from: 'x@schwaebisch-hall.de' }, 'resolved', ['08127'], 'Schwäbisch Hall'],
    ['display name and sub-domain', { text: 'Hallo', from: 'Max <m@mail.bad-wildbad.de>' }, 'resolved', ['08235'], 'Bad Wildbad'],
    ['Landratsamt with registration code', { text: 'Hallo', from: 'a@lrabb.de' }, 'resolved', ['08115'], null],
    ['landkreis- prefix keeps the Landkreis', { text: 'Hallo', from: 'a@landkreis-karlsruhe.de' }, 'resolved', ['08215'], null],
    ['X-kreis domain', { text: 'Hallo', from: 'a@rems-murr-kreis.de' }, 'resolved', ['08119'], null],
    ['kreis- prefix', { text: 'Hallo', from: 'a@kreis-tuebingen.de' }, 'resolved', ['08416'], null],
    ['landkreis as suffix', { text: 'Hallo', from: 'a@loerrach-landkreis.de' }, 'resolved', ['08336'], null],
    ['Landratsamt with SBK', { text: 'Hallo', from: 'a@lrasbk.de' }, 'resolved', ['08326'], null],
    ['city domain of a Stadtkreis', { text: 'Hallo', from: 'a@karlsruhe.de' }, 'resolved', ['08212'], 'Karlsruhe'],
    ['qualified name as one label', { text: 'Hallo', from: 'a@weil-am-rhein.de' }, 'resolved', ['08336'], 'Weil am Rhein'],
    ['generic providers never count', { text: 'Hallo', from: 'gemeinde.aidlingen@gmx.de' }, 'unknown', []],
    ['web.de', { text: 'Hallo', from: 'ulm@web.de' }, 'unknown', []],
    ['ordinary word as domain', { text: 'Hallo', from: 'a@rust.de' }, 'unknown', []],
    ['ordinary word with prefix', { text: 'Hallo', from: 'a@gemeinde-rust.de' }, 'resolved', ['08317'], 'Rust'],
    ['ambiguous domain', { text: 'Hallo', from: 'a@weingarten.de' }, 'ambiguous', ['08215', '08436']],
    ['domain of another state', { text: 'Hallo', from: 'a@essen.de' }, 'unknown', []],
  ];
  it.each(rows)('%s', (...row) => check(row));
});

describe('ordinary words need a place context', () => {
  const rows: Row[] = [
    ['Wald in prose', 'Wir waren im Wald und am Berg.', 'unknown', []],
    ['Gemeinde Wald', 'Gemeinde Wald', 'resolved', ['08437'], 'Wald'],
    ['weil as conjunction', 'Weil wir eine Frage haben, schreiben wir Ihnen.', 'unknown', []],
    ['Lauf as noun', 'Im Lauf des Jahres 2025 haben wir Salem besucht.', 'unknown', []],
    ['Rust with PLZ', 'Karl-Friedrich-Str. 4\n77977 Rust', 'resolved', ['08317'], 'Rust'],
    ['Forst alone in the signature', 'Mit freundlichen Grüßen\nA. Beispiel\nGemeindeverwaltung\nForst', 'resolved', ['08215'], 'Forst'],
    ['first name after the closing formula', 'Viele Grüße\nOwen', 'unknown', []],
    ['Mengen as noun', 'Es geht um große Mengen an Unterlagen.', 'unknown', []],
    ['lower-case name in prose', 'wir haben in aidlingen eine frage', 'unknown', []],
  ];
  it.each(rows)('%s', (...row) => check(row));
});

describe('order of evidence', () => {
  const rows: Row[] = [
    ['third parties do not decide', 'Wir betreuen eine Familie aus Stuttgart.', 'unknown', []],
    ['signature outweighs a third party', 'Eine Familie aus Stuttgart zieht zu.\n\nMit freundlichen Grüßen\nGemeinde Aidlingen', 'resolved', ['08115'], 'Aidlingen'],
    ['signature outweighs the domain', { text: 'Hallo\n\nViele Grüße\nStadt Ulm', from: 'a@aidlingen.de' }, 'resolved', ['08421'], 'Ulm'],
    ['domain outweighs prose', { text: 'Ich arbeite in Schömberg.', from: 'a@aidlingen.de' }, 'resolved', ['08115'], 'Aidlingen'],
    ['subject counts', { text: 'Guten Tag, eine Frage.', subject: 'Anfrage der Gemeinde Gärtringen' }, 'resolved', ['08115'], 'Gärtringen'],
    ['sign-off at the end of a one-paragraph mail outweighs the domain', { text: 'Wie lang darf der Sachbericht sein? Viele Grüße, Gemeinde Aidlingen', from: 'x@stadt-ulm.de' }, 'resolved', ['08115'], 'Aidlingen'],
    ['Landratsamt sign-off outweighs a city domain', { text: 'Können Sie die Frist verlängern? Landratsamt Ludwigsburg', from: 'integration@ludwigsburg.de' }, 'resolved', ['08118'], null],
    ['separate signature field', { text: 'Eine Frage zum Antrag.', signature: 'Stadt Nürtingen\nSozialamt' }, 'resolved', ['08116'], 'Nürtingen'],
    ['"kommt von der Gemeinde X" is the writer', 'Die Anfrage kommt von der Gemeinde Gäufelden.', 'resolved', ['08115'], 'Gäufelden'],
    ['"unsere Dienststelle in X"', 'Unsere Dienststelle in Nagold ist umgezogen.', 'resolved', ['08235'], 'Nagold'],
    ['destination nach X is a third party', 'Die Klientin zieht nach Mannheim.', 'unknown', []],
    ['institution in prose about others', 'Die Stadt Stuttgart hat der Familie eine Wohnung gegeben.', 'unknown', []],
    ['Landratsamt sender: Kreis, not the seat town', 'Landratsamt Böblingen\nParkstraße 16\n71034 Böblingen', 'resolved', ['08115'], null],
    ['two institutions in different Kreise', 'Stadt Ulm\nGemeinde Aidlingen', 'ambiguous', ['08115', '08421']],
    ['weaker evidence narrows an ambiguous signature', { text: 'Viele Grüße\nGemeinde Altdorf', from: 'a@landkreis-esslingen.de' }, 'resolved', ['08116'], 'Altdorf'],
  ];
  it.each(rows)('%s', (...row) => check(row));
});
