import { describe, expect, it } from 'vitest';
import { askQuestion } from '../../../src/core/ask-question.js';
import type { AskResult, KnowledgeAnswerer } from '../../../src/core/knowledge.js';

/** An answerer that records what it was asked. */
function recording(): { answerer: KnowledgeAnswerer; asked: string[] } {
  const asked: string[] = [];
  const answerer: KnowledgeAnswerer = {
    ask: (question): AskResult => {
      asked.push(question);
      return { question, answered: false, confidence: 0, answer: null, hits: [], outcome: 'handover', suggestions: [] };
    },
  };
  return { answerer, asked };
}

describe(askQuestion.name, () => {
  it('asks without the mail salutation, the closing and the town of the signature (the one extraction of every channel)', () => {
    const { answerer, asked } = recording();
    askQuestion(answerer, 'Guten Tag, gibt es eine Zuwendung? Viele Grüße, Gemeinde Aidlingen');
    expect(asked).toEqual(['gibt es eine Zuwendung?']);
  });

  it('asks a clean question unchanged', () => {
    const { answerer, asked } = recording();
    askQuestion(answerer, 'Wie lang darf der Sachbericht höchstens sein?');
    expect(asked).toEqual(['Wie lang darf der Sachbericht höchstens sein?']);
  });

  it('asks the text itself when the extraction leaves nothing (a greeting alone is still the user\'s input)', () => {
    const { answerer, asked } = recording();
    askQuestion(answerer, '   ');
    expect(asked).toEqual(['   ']);
  });
});
