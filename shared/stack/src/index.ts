export { MissingPrerequisiteError, ServerStartError } from './errors';
export { freePort } from './ports';
export { startPostgres, type PostgresOptions, type PostgresServer } from './postgres';
export { startRabbitMq, type RabbitMqOptions, type RabbitMqServer } from './rabbitmq';
export { createVhost, deleteVhost, getQueue, type QueueStats } from './rabbitmq-management';
export { isolatedDatabase, isolatedVhost, type IsolatedDatabase, type IsolatedVhost } from './isolation';
export { fetchReadiness } from './readiness';
export { startS3, type S3Options, type S3Server } from './s3';
export { stackEnv, startStack, type Stack, type StackEndpoints, type StackOptions } from './stack';
