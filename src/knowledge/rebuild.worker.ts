/**
 * Worker thread body of {@link buildInWorker}: parses the raw sources and builds the index off the main
 * thread (seconds of CPU for a large document), then posts the serialised state back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildState } from './build.js';
import type { RebuildInput, RebuildOutput } from './rebuild.loader.js';
import { parseSources, type RawSources } from './sources.fs.js';

const input = workerData as RebuildInput;
// Buffers arrive as plain Uint8Arrays after the structured clone.
const raw: RawSources = {
  ...input.raw,
  files: input.raw.files.map((f) => ({ file: f.file, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) })),
};
const sources = await parseSources(raw);
const state = buildState(sources.documents, sources.synonyms, sources.problems, new Date(input.now));
const output: RebuildOutput = {
  passages: state.passages,
  documentCount: state.documentCount,
  problems: state.problems,
  loadedAt: state.loadedAt,
  index: state.index.serialize(),
};
parentPort?.postMessage(output);
