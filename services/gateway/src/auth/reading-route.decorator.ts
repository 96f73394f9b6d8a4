import { SetMetadata } from '@nestjs/common';

export const READING_ROUTE = 'docpipe:reading-route';

/**
 * A tenant route that only reads though its method is not a safe one (a question is a POST body, not a query
 * string): TenantGuard asks for the read scope instead of write.
 */
export const ReadingRoute = (): MethodDecorator & ClassDecorator => SetMetadata(READING_ROUTE, true);
