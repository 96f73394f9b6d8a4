// The service's public entry point (package "exports"): its config schema for deploy checks, and the classifier and
// field extraction the benchmark's single-process baseline runs, so nothing outside reaches into src/.
export { configSchema } from './config';
export { createClassifier } from './classifier.factory';
export { extractFields } from './fields';
