import { describe, expect, it } from 'vitest';
import { berlinDay } from '../../../src/core/berlin-time.js';
import { errorCode } from '../../../src/core/error-code.js';
import { AppError } from '../../../src/core/errors.js';
import { formatTicketNumber, isTicketNumber, TICKET_NUMBER_IN_TEXT } from '../../../src/core/ticket-number.js';

describe(isTicketNumber.name, () => {
  it.each([
    ['IM-2026-000123', true],
    ['IM-2026-1234567', true],
    ['IM-2026-12345', false],
    ['im-2026-000123', false],
    [' IM-2026-000123', false],
    ['IM-26-000123', false],
  ])('reads %s as %s', (value, expected) => {
    expect(isTicketNumber(value)).toBe(expected);
  });

  it('accepts every number it formats, also past the sixth digit', () => {
    for (const seq of [1, 17, 999_999, 1_000_000]) expect(isTicketNumber(formatTicketNumber(2026, seq))).toBe(true);
    expect(formatTicketNumber(2026, 17)).toBe('IM-2026-000017');
  });

  it('finds a number inside a text only at word boundaries', () => {
    expect(TICKET_NUMBER_IN_TEXT.exec('Bitte zu IM-2026-000123 nachsehen')?.[0]).toBe('IM-2026-000123');
    expect(TICKET_NUMBER_IN_TEXT.exec('XIM-2026-000123')).toBeNull();
  });
});

describe(berlinDay.name, () => {
  it('turns the day at local midnight, in winter and in summer', () => {
    expect(berlinDay(new Date('2026-03-03T22:59:00Z'))).toBe('2026-03-03');
    expect(berlinDay(new Date('2026-03-03T23:00:00Z'))).toBe('2026-03-04');
    expect(berlinDay(new Date('2026-07-03T21:59:00Z'))).toBe('2026-07-03');
    expect(berlinDay(new Date('2026-07-03T22:00:00Z'))).toBe('2026-07-04');
  });
});

describe(errorCode.name, () => {
  it('reads the string code of an AppError, a system error or a plain object', () => {
    expect(errorCode(new AppError('DB_LOCKED', 'x'))).toBe('DB_LOCKED');
    expect(errorCode(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode({ code: 'EAUTH' })).toBe('EAUTH');
  });

  it.each([[new Error('x')], [null], [undefined], ['ENOENT'], [{ code: 42 }]])('has no code for %s', (value) => {
    expect(errorCode(value)).toBeUndefined();
  });
});
