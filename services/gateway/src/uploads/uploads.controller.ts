import { Controller, Headers, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TenantGuard } from '../auth/tenant.guard';
import { Tenant } from '../auth/tenant.decorator';
import { ApiAnswer, ApiErrors } from '../validation/openapi-schema';
import { uploadAnswerSchema, type UploadAnswer } from './upload-answer';
import { UploadsService } from './uploads.service';

const uploadBody = uploadAnswerSchema.shape.body;

@ApiTags('documents')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(TenantGuard)
@Controller('api/v1/documents')
export class UploadsController {
  constructor(@Inject(UploadsService) private readonly uploads: UploadsService) {}

  @Post()
  @ApiOperation({
    summary: 'Upload documents',
    description:
      'One or more files as multipart/form-data, streamed into storage. Each accepted file gets a document id at once; ' +
      'processing continues in the background (follow `statusUrl`). The same content uploaded again answers the first document (`duplicateOf`).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'One part per file; any field name.' },
        tags: { type: 'string', description: 'Tags for every file: a comma list (`a,b`) or a JSON array (`["a","b"]`).' },
        metadata: { type: 'string', description: 'A JSON object kept with every file, e.g. `{"source":"scanner-3"}`.' },
      },
    },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat a request with the same key to get the first answer again, without a second upload.',
  })
  @ApiAnswer(202, 'Accepted: one entry per file, with its document id, or an error for a refused file.', uploadBody)
  @ApiErrors(
    { status: 400, description: 'No file, an empty file, a malformed form or invalid tags/metadata.' },
    {
      status: 413,
      description: 'Larger than the upload limit (MAX_UPLOAD_MB); refused before the body is read when Content-Length says so.',
    },
    { status: 415, description: 'Not multipart/form-data, or a file of a type the pipeline does not accept.' },
  )
  async upload(
    @Tenant() tenantId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<UploadAnswer['body']> {
    this.uploads.assertAcceptable(request, idempotencyKey);
    const replayed = idempotencyKey === undefined ? undefined : await this.uploads.replay(tenantId, idempotencyKey);
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    const answer = replayed ?? (await this.uploads.upload(tenantId, request, idempotencyKey));
    response.status(answer.status);
    return answer.body;
  }
}
