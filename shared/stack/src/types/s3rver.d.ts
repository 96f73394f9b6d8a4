// The parts of s3rver 3.7 (a Koa application) that the stack uses; the package ships no types.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  namespace S3rver {
    interface Options {
      address?: string;
      port?: number;
      silent?: boolean;
      directory?: string;
      resetOnClose?: boolean;
      configureBuckets?: Array<{ name: string }>;
    }

    interface Context {
      method: string;
      path: string;
      /** The request line's target as sent: path and query, still percent-encoded. */
      originalUrl: string;
      headers: Record<string, string | string[] | undefined>;
      status: number;
      query: Record<string, string | string[] | undefined>;
      type: string;
      body: unknown;
    }

    type Middleware = (ctx: Context, next: () => Promise<void>) => Promise<void> | void;

    /** The filesystem store: objects as files under directory/<bucket>/<key>. */
    interface Store {
      getResourcePath(bucket: string, key: string | undefined, resourceType: string): string;
      deleteObject(bucket: string, key: string): Promise<void>;
    }
  }

  class S3rver {
    constructor(options: S3rver.Options);
    /** Koa's middleware stack; the last entry is s3rver's router. */
    middleware: S3rver.Middleware[];
    httpServer?: Server;
    store: S3rver.Store;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }

  export = S3rver;
}
