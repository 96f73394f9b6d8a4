export * from './contract';
export * from './request';
export * from './envelope';
export * from './describe-issues';
export * from './events';
export * from './requests';
export * from './gateway';
