export * from './storage.config';
export * from './object-store';
export * from './storage.module';
