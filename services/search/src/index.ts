// The service's public entry point (package "exports"): its config schema for deploy checks, and the fusions
// the search benchmark measures (the production hybrid and plain RRF), so nothing outside reaches into src/.
export { CHUNK_COVERAGE_POWER, configSchema, COVERAGE_POWER, KEYWORD_WEIGHT } from './config';
export { reciprocalRankFusion } from './rank-fusion';
export { convexScoreFusion, hybridCandidates } from './score-fusion';
