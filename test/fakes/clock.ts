/** A settable clock for tests (STYLE G6): time moves only when the test says so. */
import type { Clock } from '../../src/core/ports.js';

/** Fake {@link Clock}. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-06-01T08:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Jumps to an instant. */
  set(at: Date | string): void {
    this.current = new Date(at);
  }

  /** Moves forward by `ms`. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
