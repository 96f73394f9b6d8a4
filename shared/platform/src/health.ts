import { Controller, Get, HttpStatus, Inject, Injectable, Res } from '@nestjs/common';
import type { Response } from 'express';
import { errorMessage } from './errors';

export type ReadinessCheck = () => Promise<void>;

/** Dependencies (broker, database, object store) register here what "ready" means for them. */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async run(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const results = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, errorMessage(error)] as const;
        }
      }),
    );
    return { ready: results.every(([, status]) => status === 'ok'), checks: Object.fromEntries(results) };
  }
}

@Controller('health')
export class HealthController {
  // Explicit token: runners without decorator metadata (tsx) cannot infer it from the type.
  constructor(@Inject(ReadinessChecks) private readonly readiness: ReadinessChecks) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: string; checks: Record<string, string> }> {
    const { ready, checks } = await this.readiness.run();
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not_ready', checks };
  }
}
