// The service's public entry point (package "exports"): its config schema for deploy checks, and the rank fusion
// the search benchmark measures, so nothing outside reaches into src/.
export { configSchema } from './config';
export { reciprocalRankFusion } from './rank-fusion';
