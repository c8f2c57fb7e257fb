/** A logger that records every line, so tests can assert that no personal data was logged. */
import type { Logger } from '../../src/core/ports.js';

/** One recorded log line. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

/** Creates a recording logger; children share the same `lines`. */
export function createRecordingLogger(lines: LogLine[] = [], bindings: Record<string, unknown> = {}): Logger & { lines: LogLine[]; text(): string } {
  const at = (level: LogLine['level']) => (obj: Record<string, unknown>, msg?: string) => {
    lines.push({ level, obj: { ...bindings, ...obj }, msg });
  };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => createRecordingLogger(lines, { ...bindings, ...more }),
    text: () => lines.map((l) => `${JSON.stringify(l.obj)} ${l.msg ?? ''}`).join('\n'),
  };
}
