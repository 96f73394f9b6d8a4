export * from './ollama-api';
export * from './ollama-call';
export * from './ollama-failure';
export * from './ollama-client';
export * from './ollama.config';
export * from './ollama.errors';
