export * from './search-index';
export * from './search-index.config';
export * from './create-search-index';
export * from './index-name';
export * from './lance.index';
export * from './lance-filter';
export * from './opensearch.index';
export * from './opensearch-requests';
