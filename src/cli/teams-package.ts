/**
 * `npm run teams:package [-- --out DIR]`: builds appPackage.zip for Microsoft Teams (manifest with the bot id
 * from MicrosoftAppId, scopes personal/team/groupChat, command list, colour and outline icons drawn in code),
 * validated against the manifest's required fields. Exit 0 on success, 2 on bad configuration or template,
 * 1 on other failure (CONTRACTS §1).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isAppError } from '../core/errors.js';
import { buildAppPackage, PLACEHOLDER_BOT_ID } from './teams-package/app-package.js';
import { loadConfig } from '../server/env.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './context.js';

async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const outDir = resolve(outIndex >= 0 ? (argv[outIndex + 1] ?? '') : 'appPackage');
  if (outIndex >= 0 && !argv[outIndex + 1]) {
    process.stderr.write('Aufruf: npm run teams:package [-- --out VERZEICHNIS]\n');
    return EXIT_USAGE;
  }
  const config = loadConfig();
  const botId = config.MicrosoftAppId ?? PLACEHOLDER_BOT_ID;
  if (config.MicrosoftAppId === undefined) {
    process.stderr.write(
      `Warnung: MicrosoftAppId ist nicht gesetzt; das Paket enthält die Platzhalter-ID ${PLACEHOLDER_BOT_ID}.\n` +
        'Für Teams die App-ID der Azure-Bot-Registrierung in .env eintragen und erneut paketieren (docs/TEAMS.md).\n',
    );
  }
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const { zip, manifest } = await buildAppPackage({ botId, version });
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'appPackage.zip');
  writeFileSync(file, zip);
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stderr.write(`App-Paket geschrieben: ${file} (${zip.length} Bytes, Bot ${botId}, Version ${manifest.version})\n`);
  return EXIT_OK;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const isBadInput = isAppError(error, 'CONFIG_INVALID') || isAppError(error, 'TEMPLATE_INVALID');
    process.stderr.write(`teams:package: ${(error as Error).message}\n`);
    process.exitCode = isBadInput ? EXIT_USAGE : EXIT_FAILURE;
  },
);
