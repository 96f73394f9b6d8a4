import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@docpipe/events';
import { SearchDocuments, type ResponseOf } from '@docpipe/contracts';
import { TenantGuard } from '../auth/tenant.guard';
import { Tenant } from '../auth/tenant.decorator';
import { ApiAnswer, ApiErrors, ApiQueryFrom } from '../validation/openapi-schema';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { searchQuery, type SearchQuery } from './search.query';

@ApiTags('search')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(TenantGuard)
@Controller('api/v1/search')
export class SearchController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'Search documents',
    description: 'Your documents ranked for a query, with the best passages highlighted and facets.',
  })
  @ApiQueryFrom(searchQuery)
  @ApiAnswer(200, 'Ranked hits.', SearchDocuments.response)
  @ApiErrors({ status: 400, description: 'Missing or invalid query parameter.' })
  search(
    @Tenant() tenantId: string,
    @Query(new ZodValidationPipe(searchQuery, 'query')) query: SearchQuery,
  ): Promise<ResponseOf<typeof SearchDocuments>> {
    const { type, ...rest } = query;
    return this.rpc.call(SearchDocuments, { tenantId, ...rest, documentType: type });
  }
}
