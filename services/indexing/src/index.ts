// The service's public entry point (package "exports"): its config schema for deploy checks, and the chunker the
// benchmark's single-process baseline runs, so nothing outside reaches into src/.
export { configSchema } from './config';
export { chunkPages, type ChunkerSettings } from './chunker';
