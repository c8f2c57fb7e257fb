import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/knowledge/language.js';

/** Every question and enquiry of the development sets is German (one English auto-reply aside). */
function devTexts(): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  for (const file of ['questions.jsonl', 'questions-2.jsonl', 'enquiries.jsonl', 'triage.jsonl', 'triage-2.jsonl']) {
    for (const line of readFileSync(`test/eval/${file}`, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
      const o = JSON.parse(line) as { id: string; question?: string; subject?: string; text?: string };
      out.push({ id: o.id, text: o.question ?? `${o.subject ?? ''}\n${o.text ?? ''}` });
    }
  }
  return out;
}

describe(detectLanguage.name, () => {
  it.each([
    'Gibt es Geld für Coaching im Team?',
    'Workshop für das Team förderfähig?',
    'Team-Coaching Kosten?',
    'Können wir ein Online-Meeting mit dem Team als Workshop abrechnen?',
    'Ist ein Teamcoaching oder Supervision für unsere IMs drin?',
    'Frist VN?',
    'Bis wann Kennzahlen?',
    'Computer-Test okay?',
    'Sorry, nochmal: Case Management im Homeoffice ok?',
    'World Café in Winnenden?',
    'Quelle für den Fördersatz?',
    '',
    '???',
  ])('takes %j as German', (question) => {
    expect(detectLanguage(question).isGerman).toBe(true);
  });

  it.each([
    ['How long may the report be?', 'en'],
    ['Who is my contact person?', 'en'],
    ['Can we apply for funding?', 'en'],
    ['Is a Workshop eligible for funding?', 'en'],
    ['Our Integrationsmanager is sick, what now?', 'en'],
    ['Bonjour, comment puis-je demander une subvention pour un poste?', 'fr'],
    ['Merhaba, başvuru nasıl yapılır?', 'other'],
    ['Як подати заявку на фінансування?', 'other'],
    ['كيف أقدم طلبا؟', 'other'],
  ])('takes %j as not German (%s)', (question, language) => {
    expect(detectLanguage(question)).toEqual({ isGerman: false, language });
  });

  it('takes a German question next to an English disclaimer as German', () => {
    const text = 'Wie lang darf der Sachbericht sein? This e-mail and any attachments are confidential and may contain privileged information. If you are not the intended recipient, please notify the sender.';
    expect(detectLanguage(text).isGerman).toBe(true);
    expect(detectLanguage('Can we apply? Is there a deadline? Who is my contact?').isGerman).toBe(false);
  });

  it('never counts a word of the German knowledge base as foreign', () => {
    expect(detectLanguage('Is Sachbericht due?').isGerman).toBe(false);
    expect(detectLanguage('Homepage Information Sachbericht?', new Set(['homepage', 'information'])).isGerman).toBe(true);
  });

  it('takes every German question of the development sets as German', () => {
    const foreign = devTexts().filter((t) => !detectLanguage(t.text).isGerman).map((t) => t.id);
    // t2-5 is an English out-of-office reply: declined either way.
    expect(foreign).toEqual(['t2-5']);
  });
});
