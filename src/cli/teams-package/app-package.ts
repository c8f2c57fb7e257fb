/**
 * Builds the Teams app package (appPackage.zip: manifest.json, color.png, outline.png) from the manifest
 * template in templates/teams-app. The manifest is checked against the fields Teams requires (schema
 * 1.17) and its command lists against the commands the bot knows, so a broken package fails here and not
 * in the Teams admin centre.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { colorIcon, outlineIcon } from './app-icons.js';
import { TEXT_COMMANDS } from '../../channels/teams/requester/commands.js';

/** Default template directory (templates/teams-app at the repository root). */
export const DEFAULT_APP_TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/teams-app/', import.meta.url));

/** Used when no MicrosoftAppId is configured: the package builds, but Teams will not reach a bot. */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CommandSchema = z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) });

/** The manifest fields Teams requires (schema 1.17), plus the bot entry this app needs. */
export const ManifestSchema = z.looseObject({
  manifestVersion: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be MAJOR.MINOR.PATCH'),
  id: z.string().regex(GUID, 'id must be a GUID'),
  developer: z.looseObject({ name: z.string().min(1).max(32), websiteUrl: z.url(), privacyUrl: z.url(), termsOfUseUrl: z.url() }),
  name: z.looseObject({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
  description: z.looseObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.looseObject({ color: z.string().min(1), outline: z.string().min(1) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  bots: z
    .array(
      z.looseObject({
        botId: z.string().regex(GUID, 'botId must be a GUID'),
        scopes: z.array(z.enum(['personal', 'team', 'groupChat'])).min(1),
        commandLists: z.array(z.object({ scopes: z.array(z.enum(['personal', 'team', 'groupChat'])), commands: z.array(CommandSchema).max(10) })).optional(),
      }),
    )
    .length(1),
});

export type TeamsManifest = z.infer<typeof ManifestSchema>;

/** What goes into a package. */
export interface AppPackageInput {
  botId: string;
  version: string;
  templateDir?: string;
}

/** The built package. */
export interface AppPackage {
  zip: Buffer;
  manifest: TeamsManifest;
}

/**
 * Fills the template and validates it; throws AppError TEMPLATE_INVALID naming the field.
 *
 * @example
 * const manifest = renderManifest({ botId: '…', version: '0.1.0' });
 */
export function renderManifest(input: AppPackageInput): TeamsManifest {
  if (!GUID.test(input.botId)) throw new AppError('CONFIG_INVALID', `teams package: MicrosoftAppId "${input.botId}" is not a GUID`);
  const dir = input.templateDir ?? DEFAULT_APP_TEMPLATE_DIR;
  const text = readFileSync(join(dir, 'manifest.template.json'), 'utf8')
    .replaceAll('${{BOT_ID}}', input.botId)
    .replaceAll('${{TEAMS_APP_ID}}', input.botId)
    .replaceAll('${{APP_VERSION}}', input.version);
  const leftover = /\$\{\{(\w+)\}\}/.exec(text);
  if (leftover) throw new AppError('TEMPLATE_INVALID', `teams package: unknown placeholder ${leftover[0]} in manifest.template.json`);
  const parsed = ManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('TEMPLATE_INVALID', `teams package: manifest invalid\n${issues.join('\n')}`, { details: { issues } });
  }
  checkCommands(parsed.data);
  return parsed.data;
}

/** Builds appPackage.zip in memory. */
export async function buildAppPackage(input: AppPackageInput): Promise<AppPackage> {
  const manifest = renderManifest(input);
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  zip.file(manifest.icons.color, colorIcon(manifest.accentColor));
  zip.file(manifest.icons.outline, outlineIcon());
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { zip: buffer, manifest };
}

function checkCommands(manifest: TeamsManifest): void {
  for (const list of manifest.bots[0]?.commandLists ?? []) {
    for (const command of list.commands) {
      if (!TEXT_COMMANDS.has(command.title.toLowerCase())) {
        throw new AppError('TEMPLATE_INVALID', `teams package: command "${command.title}" in commandLists is unknown to the bot`);
      }
    }
  }
}
