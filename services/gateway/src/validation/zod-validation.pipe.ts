import { HttpStatus, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { describeIssues } from '@docpipe/contracts';
import { ApiError } from '../errors/api-error';

/** Validates a route's query or path parameters against a zod schema and hands on the typed result. */
export class ZodValidationPipe<S extends z.ZodTypeAny> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly what: string,
  ) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_request', `Invalid ${this.what}: ${describeIssues(parsed.error.issues)}`);
  }
}
