export * from './errors';
export * from './extracted-text-reader';
export * from './stage-worker';
export * from './stop-marks';
export * from './stop-marks-feed';
