/**
 * Dependency direction (STYLE.md G11): channels depend on the core, never the reverse.
 * Runs in `npm test` via `npm run deps:check`.
 */
const drivers = '^(node_modules/)?(botbuilder|botframework-|restify|imapflow|nodemailer|mailparser|better-sqlite3|pg|minisearch|smtp-server|node:net|net|node:fs|fs|node:fs/promises|fs/promises)';
/** Libraries that belong to one door: Bot Framework and Teams, the HTTP server, mail in and out, the app package. */
const channelLibraries = '^(node_modules/)?(botbuilder|botframework-|restify|imapflow|nodemailer|mailparser|smtp-server|jszip|pngjs)';
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core imports nothing from its siblings and no driver or filesystem module.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(knowledge|routing|tickets|channels|server|cli)/', drivers] },
    },
    {
      name: 'core-not-channel-specific',
      comment:
        'The core knows no door (issue #11): nothing from src/channels, src/server or src/cli, and no Teams, HTTP or mail library. ' +
        'Overlaps core-is-pure on purpose: that rule may loosen for drivers, this one must not.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(channels|server|cli)/', channelLibraries] },
    },
    {
      name: 'no-circular-routing-triage',
      comment: 'Routing scanners and the triage folder import in one direction (scan-context.ts, core/triage/index.ts); widen to src/ once knowledge and the ticket ports are acyclic.',
      severity: 'error',
      from: { path: '^src/(routing|core/triage)/' },
      to: { circular: true },
    },
    {
      name: 'domain-modules-only-core',
      comment: 'knowledge, routing and tickets import only core (and themselves).',
      severity: 'error',
      from: { path: '^src/(knowledge|routing|tickets)/' },
      to: { path: '^src/(channels|server|cli)/' },
    },
    {
      name: 'domain-modules-not-each-other',
      severity: 'error',
      from: { path: '^src/(knowledge|routing|tickets)/' },
      to: { path: '^src/(knowledge|routing|tickets)/', pathNot: ['^src/$1/'] },
    },
    {
      name: 'channels-not-each-other',
      severity: 'error',
      from: { path: '^src/channels/(teams|email)/' },
      to: { path: '^src/channels/', pathNot: ['^src/channels/$1/'] },
    },
    {
      name: 'channels-not-server-or-cli',
      comment: 'Channels are wired by the composition root; they never import it. The CLI is a composition root of its own.',
      severity: 'error',
      from: { path: '^src/channels/' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'drivers-only-in-adapters',
      comment: 'Only adapter files (*.sqlite.ts, *.postgres.ts, *.imap.ts, *.smtp.ts, *.minisearch.ts, *.teams.ts, *.fs.ts) or channels/server/cli touch drivers and the filesystem.',
      severity: 'error',
      from: { path: '^src/(knowledge|routing|tickets)/', pathNot: '\\.(sqlite|postgres|imap|smtp|minisearch|teams|fs|loader)\\.ts$' },
      to: { path: drivers },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
