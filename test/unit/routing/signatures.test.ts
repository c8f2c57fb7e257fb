/**
 * Realistic mails and Teams messages written for these tests (names of people invented). They exercise the
 * rules together: closing formula, person line, institution line, address line, phone, web and quoted text.
 */
import { describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../src/core/routing.js';
import { candidateKreise, realRouter } from './helpers.js';

type Row = [what: string, input: string | RouteInput, status: 'resolved' | 'ambiguous' | 'unknown', kreise: string[], gemeinde?: string | null];

const router = realRouter();

const rows: Row[] = [
  [
    'Stadt with office, address, phone and web',
    `Sehr geehrte Damen und Herren,

anbei erhalten Sie den Sachbericht für 2025.

Mit freundlichen Grüßen
Im Auftrag

Julia Beispiel
Integrationsmanagerin
Stadt Leinfelden-Echterdingen
Amt für soziale Dienste
Marktplatz 1
70771 Leinfelden-Echterdingen
Tel.: 0711 1600-123
www.leinfelden-echterdingen.de`,
    'resolved', ['08116'], 'Leinfelden-Echterdingen',
  ],
  [
    'Landratsamt signature names the Kreis only',
    `Guten Tag,
wann wird die zweite Rate ausgezahlt?

Freundliche Grüße
M. Muster
Landratsamt Ortenaukreis
Amt für Migration und Integration
Badstraße 20
77652 Offenburg`,
    'resolved', ['08317'], null,
  ],
  [
    'qualified name in institution and address line',
    'Viele Grüße\nGemeinde Kirchberg an der Iller\nHauptstraße 1\n88486 Kirchberg an der Iller',
    'resolved', ['08426'], 'Kirchberg an der Iller',
  ],
  ['Bürgermeisteramt without name, town in the address', 'Mit freundlichen Grüßen\nBürgermeisteramt\nRathausstr. 1\n72290 Loßburg', 'resolved', ['08237'], 'Loßburg'],
  ['one-line letterhead with dashes', 'Stadt Ostfildern – Integrationsmanagement – Klosterhof 10 – 73760 Ostfildern', 'resolved', ['08116'], 'Ostfildern'],
  ['Teams message with "hier ist … aus X/Fils"', 'Hallo, hier ist die Integrationsbeauftragte aus Eislingen/Fils. Wir haben eine Frage zur Verlängerung.', 'resolved', ['08117'], 'Eislingen/Fils'],
  ['i.A. line and hyphenated town', 'i.A. Thomas Muster\nStadt Bietigheim-Bissingen\nAmt für Integration', 'resolved', ['08118'], 'Bietigheim-Bissingen'],
  ['abbreviated qualifier in the address line', 'Gruß\nK. Beispiel\nRitterstraße 17\n73728 Esslingen a.N.', 'resolved', ['08116'], 'Esslingen am Neckar'],
  ['greeting from the Rathaus', 'Beste Grüße aus dem Rathaus Neckarsulm', 'resolved', ['08125'], 'Neckarsulm'],
  ['Kreis in parentheses after a town', 'Gemeinde Aichwald (Landkreis Esslingen)\nIntegrationsmanagement', 'resolved', ['08116'], 'Aichwald'],
  [
    'person whose surname is a town',
    'Mit freundlichen Grüßen\nAnna Freiberg\nStadt Ludwigsburg',
    'resolved', ['08118'], 'Ludwigsburg',
  ],
  ['surname alone does not route', 'Mit freundlichen Grüßen\nAnna Freiberg', 'unknown', []],
  [
    'quoted RP reply with the Wertheim address is ignored',
    `Vielen Dank für die schnelle Antwort!

Viele Grüße
Gemeinde Aidlingen

-----Ursprüngliche Nachricht-----
Von: Integrationsmanagement <integrationsmanagement@rps.bwl.de>
Gesendet: Montag, 2. März 2026 10:12
Regierungspräsidium Stuttgart, Referat 15.2, Dienststelle Wertheim, Am Eichamt 2, 97877 Wertheim`,
    'resolved', ['08115'], 'Aidlingen',
  ],
  ['"Am … schrieb" quote', 'Danke, erledigt.\n\nAm 02.03.2026 um 10:12 schrieb Stadt Ulm:\n> Stadt Ulm\n> 89073 Ulm', 'unknown', []],
  ['mention of the RP does not route', 'Wir haben den Antrag an das Regierungspräsidium Stuttgart geschickt. Wann kommt der Bescheid?', 'unknown', []],
  ['addressee\'s office does not route', 'Ist Ihre Dienststelle in Wertheim auch telefonisch erreichbar?', 'unknown', []],
  [
    'signature plus sender domain agree',
    { text: 'Hallo,\nkurze Frage zum Verwendungsnachweis.\n\nVG\nIntegrationsmanagement Herrenberg', from: 'Integration <integration@herrenberg.de>' },
    'resolved', ['08115'], 'Herrenberg',
  ],
  [
    'Exchange "Lastname, Firstname" sender name does not route',
    { text: 'Hallo, eine Frage.', from: '"Freiberg, Anna" <anna.freiberg@gmx.de>' },
    'unknown', [],
  ],
  ['sender display name with institution', { text: 'Hallo', from: 'Gemeinde Aidlingen <info@kdrs.de>' }, 'resolved', ['08115'], 'Aidlingen'],
  ['signature of an ambiguous short name asks back', 'Freundliche Grüße\nGemeinde Hausen', 'ambiguous', ['08327', '08336', '08417', '08425']],
  ['Ortsteil address with a unique PLZ', 'Mit freundlichen Grüßen\nOrtsverwaltung Frommern\nHauptstr. 5\n72336 Frommern', 'resolved', ['08417']],
  [
    'Landratsamt in a Stadtkreis: the Landkreis, not the building\'s city',
    'Landratsamt Rhein-Neckar-Kreis\nDezernat II – Integration\nKurfürsten-Anlage 38-40\n69115 Heidelberg',
    'resolved', ['08226'], null,
  ],
  ['Landratsamt Karlsruhe in the city of Karlsruhe', 'Landratsamt Karlsruhe\nBeiertheimer Allee 2\n76137 Karlsruhe', 'resolved', ['08215'], null],
  ['unnamed Landratsamt: the address is its seat', 'Mit freundlichen Grüßen\nLandratsamt\nBeiertheimer Allee 2\n76137 Karlsruhe', 'resolved', ['08215'], null],
  ['mail address in the signature', 'Mit freundlichen Grüßen\nMax Muster\nIntegrationsmanager\nTel. 07032 123\nintegration@herrenberg.de', 'resolved', ['08115'], 'Herrenberg'],
  ['web site in the signature', 'Viele Grüße\nK. Beispiel\nwww.aidlingen.de', 'resolved', ['08115'], 'Aidlingen'],
  ['RP letterhead in the text does not route', 'Regierungspräsidium Stuttgart\nReferat 15.2\nAm Eichamt 2\n97877 Wertheim', 'unknown', []],
  ['address the documents were sent to', 'Wir haben die Unterlagen nach 70173 Stuttgart geschickt.', 'unknown', []],
  ['department for refugees above the institution line', 'Mit freundlichen Grüßen\nA. Beispiel\nIntegrationsmanagement für Geflüchtete\nGemeinde Aidlingen', 'resolved', ['08115'], 'Aidlingen'],
  ['department for refugees below a letterhead', 'Universitätsstadt Tübingen\nFachabteilung Hilfen für Geflüchtete\n\nSehr geehrte Damen und Herren,\nwir haben eine Frage.', 'resolved', ['08416'], 'Tübingen'],
  ['address under a refugee department', 'Hilfen für Geflüchtete\n72250 Freudenstadt', 'resolved', ['08237'], 'Freudenstadt'],
  ['third party wrapped onto the next line', 'Wir betreuen eine Familie aus\nStuttgart.', 'unknown', []],
  ['date line letterhead', 'Nagold, den 3. März 2026\n\nSehr geehrte Damen und Herren,\nwir beantragen die Verlängerung.', 'resolved', ['08235'], 'Nagold'],
];

describe('realistic signatures and messages', () => {
  it.each(rows)('%s', (_what, input, status, kreise, gemeinde) => {
    const result = router.route(input);
    expect(result.status).toBe(status);
    if (status === 'resolved') {
      expect(result.kreis?.ags).toBe(kreise[0]);
      if (gemeinde !== undefined) expect(result.gemeinde?.name ?? null).toBe(gemeinde);
    } else {
      expect(candidateKreise(result)).toEqual([...kreise].sort());
    }
  });
});
