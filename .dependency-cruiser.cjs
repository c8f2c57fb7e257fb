/**
 * Dependency direction (STYLE.md G11): channels depend on the core, never the reverse.
 * Runs in `npm test` via `npm run deps:check`.
 */
const drivers = '^(botbuilder|botframework-|restify|imapflow|nodemailer|mailparser|better-sqlite3|minisearch|smtp-server|node:net|net|node:fs|fs|node:fs/promises|fs/promises)';
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
      comment: 'Only adapter files (*.sqlite.ts, *.imap.ts, *.smtp.ts, *.minisearch.ts, *.teams.ts, *.fs.ts) or channels/server/cli touch drivers and the filesystem.',
      severity: 'error',
      from: { path: '^src/(knowledge|routing|tickets)/', pathNot: '\\.(sqlite|imap|smtp|minisearch|teams|fs|loader)\\.ts$' },
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
