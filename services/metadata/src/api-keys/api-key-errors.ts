import { AppError } from '@docpipe/platform';

export class ApiKeyNotFoundError extends AppError {
  constructor(keyId: string) {
    super('api_key_not_found', `API key ${keyId} was not found; list the keys to see their ids`);
  }
}

export class ApiKeyConflictError extends AppError {
  constructor() {
    super('api_key_conflict', 'This key is already recorded; create a new one');
  }
}

export class ApiKeyRevokedError extends AppError {
  constructor(keyId: string) {
    super('api_key_revoked_conflict', `API key ${keyId} is revoked; create a new key instead`);
  }
}
