/** Shim while the triage folder lands (issue #11 item 4); the lead removes it once its importers use core/triage/index.js. */
export * from './triage/index.js';
