// The service's public entry point (package "exports"): what deploy checks and benchmarks may read without reaching into src/.
export { configSchema } from './config';
