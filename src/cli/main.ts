/**
 * Command-line entry: `npm run --silent pakt -- <command> [options]` (CONTRACTS §1, §3).
 * Commands are looked up in a table (STYLE G4); each lives in its own file under commands/.
 */
import { loadConfig } from '../server/env.js';
import { createLogger } from '../server/logger.js';
import { EXIT_USAGE, exitCodeFor, type CliCommand, type CliContext } from './context.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  ask: { summary: 'Frage an die Wissensbasis stellen', load: async () => (await import('./commands/ask.js')).askCommand },
  passages: { summary: 'Alle Passagen ausgeben', load: async () => (await import('./commands/passages.js')).passagesCommand },
  eval: { summary: 'Trefferquote auf einem Fragen-Set messen', load: async () => (await import('./commands/eval.js')).evalCommand },
  route: { summary: 'Gemeinde, Kreis und Ansprechpartner finden', load: async () => (await import('./commands/route.js')).routeCommand },
  triage: { summary: 'Anfrage einordnen (ohne Nebenwirkungen)', load: async () => (await import('./commands/triage.js')).triageCommand },
  tickets: { summary: 'Tickets anzeigen und bearbeiten', load: async () => (await import('./commands/tickets.js')).ticketsCommand },
  knowledge: { summary: 'Wissenslücken berichten, FAQ als Website exportieren', load: async () => (await import('./commands/knowledge.js')).knowledgeCommand },
  db: { summary: 'Datenbank migrieren oder von SQLite nach PostgreSQL kopieren', load: async () => (await import('./commands/db.js')).dbCommand },
  mail: { summary: 'E-Mails prüfen wie der Kanal (ohne Nebenwirkungen)', load: async () => (await import('./commands/mail.js')).mailCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Aufruf: npm run --silent pakt -- <Befehl> [Optionen]\n\nBefehle:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stderr.write(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    process.stderr.write(`Unbekannter Befehl: ${name}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const ctx: CliContext = {
    config,
    logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, { component: 'cli' }),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
  const command = await entry.load();
  return command(args, ctx);
}

// A reader that closes early (`| head`) is not an error of ours: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`Fehler: ${(error as Error).message}\n`);
    process.exitCode = exitCodeFor(error);
  });
