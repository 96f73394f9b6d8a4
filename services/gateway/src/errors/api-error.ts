import { AppError } from '@docpipe/platform';

/** An error the gateway answers itself, with the HTTP status it means. */
export class ApiError extends AppError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string };
}
