export * from './context';
export * from './logger';
export * from './errors';
export * from './config';
export * from './health';
export * from './nest-logger';
export * from './platform.module';
export * from './bootstrap';
