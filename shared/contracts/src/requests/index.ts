export * from './document-statuses';
export * from './document-view';
export * from './metadata.requests';
export * from './extraction.requests';
export * from './search.requests';
export * from './timeline.requests';
export * from './indexing.requests';
export * from './all-requests';
