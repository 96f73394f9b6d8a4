import { CliError, EXIT } from './exit-codes';

export interface Connection {
  /** The gateway's base URL, e.g. http://localhost:3000. */
  url: string;
  apiKey: string;
}

export interface AcceptedDocument {
  id: string;
  fileName: string;
  status: string;
  duplicateOf?: string | null;
}

/**
 * The gateway's REST API as the command line uses it. Every non-2xx answer becomes a CliError carrying the
 * gateway's own `{ error: { code, message } }`, so the user reads what the server said.
 */
export class ApiClient {
  constructor(readonly connection: Connection) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'GET' });
  }

  async request<T>(path: string, init: RequestInit & { duplex?: 'half' }): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.connection.apiKey}`);
    let response: Response;
    try {
      response = await fetch(new URL(path, this.connection.url), { ...init, headers });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new CliError(
        'unreachable',
        `Cannot reach the gateway at ${this.connection.url} (${cause}); is it running? Set DOCPIPE_URL or --url.`,
        EXIT.gateway,
      );
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw gatewayError(response.status, body);
    return body as T;
  }
}

/** The gateway answered with an error status; `status` tells a refused file (4xx) from a refused client or a fault. */
export class GatewayError extends CliError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message, EXIT.gateway);
  }

  /** The request was fine but the file was not: a type, size or content the gateway refuses. */
  get refusesFile(): boolean {
    return [400, 413, 415, 422].includes(this.status);
  }
}

function gatewayError(status: number, body: unknown): GatewayError {
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  const code = error?.code ?? `http_${status}`;
  const hint = status === 401 ? ' (set DOCPIPE_API_KEY or --key)' : '';
  return new GatewayError(status, code, `The gateway answered ${status} ${code}: ${error?.message ?? 'no message'}${hint}`);
}
