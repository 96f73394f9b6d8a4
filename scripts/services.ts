/** The services `npm start` runs, in start order (the gateway last, so it opens when the workers are up). */
export const services = [
  'metadata',
  'ingestion',
  'extraction',
  'classification',
  'indexing',
  'search',
  'notification',
  'gateway',
] as const;
