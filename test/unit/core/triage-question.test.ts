import { describe, expect, it } from 'vitest';
import { buildQuestion } from '../../../src/core/triage-question.js';

describe(buildQuestion.name, () => {
  it.each([
    { subject: 'Kurze Frage', body: 'Hallo, wie oft muss ein Integrationsplan fortgeschrieben werden? Danke vorab!', question: 'wie oft muss ein Integrationsplan fortgeschrieben werden?' },
    { subject: 'Frage zur Stellenteilung', body: 'Ist das zulässig?', question: 'Stellenteilung. Ist das zulässig?' },
    { subject: 'Frage Sachbericht', body: 'Guten Tag, wie lang darf der Sachbericht höchstens sein?', question: 'wie lang darf der Sachbericht höchstens sein?' },
    { subject: 'Antrag 2026', body: 'Bis wann können Anträge für 2026 gestellt werden?', question: 'Bis wann können Anträge für 2026 gestellt werden?' },
    { subject: '', body: 'Sehr geehrte Damen und Herren,\nwelche Kosten sind förderfähig?\nVielen Dank im Voraus.', question: 'welche Kosten sind förderfähig?' },
    { subject: 'Mittelabruf', body: '', question: 'Mittelabruf' },
    { subject: '', body: 'Hallo!', question: 'Hallo!' },
  ])('$subject + $body → $question', ({ subject, body, question }) => {
    expect(buildQuestion(subject, body)).toBe(question);
  });
});
