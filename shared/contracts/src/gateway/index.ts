export * from './session-view';
export * from './pipeline-view';
