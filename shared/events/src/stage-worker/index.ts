export * from './errors';
export * from './extracted-text-reader';
export * from './stage-worker';
