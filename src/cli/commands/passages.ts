/** `passages [--json]` (CONTRACTS §3): all indexed passages, one JSON object per line with --json. */
import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_USAGE, type CliCommand } from '../context.js';
import { jsonLine } from '../io.js';
import { openKnowledgeForCli } from './ask.js';

export const passagesCommand: CliCommand = async (args, ctx) => {
  let json: boolean;
  try {
    json = parseArgs({ args, options: { json: { type: 'boolean' } } }).values.json === true;
  } catch (error) {
    ctx.err(`passages: ${(error as Error).message}\nAufruf: passages [--json]`);
    return EXIT_USAGE;
  }
  const kb = await openKnowledgeForCli(ctx);
  try {
    for (const p of kb.passages()) {
      ctx.out(
        json
          ? jsonLine({ id: p.id, documentId: p.documentId, section: p.section, title: p.title, text: p.text, source: p.source })
          : `${p.id.padEnd(40)} ${p.title}\n`,
      );
    }
    if (!json) {
      const s = kb.status();
      ctx.out(`\n${s.passageCount} Passagen aus ${s.documentCount} Dokumenten, ${s.problems.length} Problem(e).\n`);
    }
    return EXIT_OK;
  } finally {
    await kb.close();
  }
};
