import { pipeline } from 'node:stream/promises';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '@docpipe/platform';
import { z } from 'zod';
import {
  documentViewSchema,
  extractedTextSchema,
  FindSimilarDocuments,
  GetTimeline,
  ListDocuments,
  type DocumentView,
  type ExtractedText,
  type ResponseOf,
} from '@docpipe/contracts';
import { Caller } from '../auth/caller.decorator';
import { TenantGuard } from '../auth/tenant.guard';
import { Tenant } from '../auth/tenant.decorator';
import { ApiAnswer, ApiErrors, ApiQueryFrom, openApiSchema } from '../validation/openapi-schema';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { SANDBOX_POLICY, userContentHeaders } from './content-disposition';
import {
  correctDocumentBody,
  documentIdSchema,
  listDocumentsQuery,
  pageNumberSchema,
  similarQuery,
  timelineQuery,
  waitQuery,
  type CorrectDocumentBody,
  type ListDocumentsQuery,
} from './document.queries';
import { AuditTrail } from '../security/audit-trail';
import { acceptedSchema, DocumentsService, type Accepted } from './documents.service';

const documentId = new ZodValidationPipe(documentIdSchema, 'document id');
const pageNumber = new ZodValidationPipe(pageNumberSchema, 'page number');
const notFound = { status: 404, description: 'No such document in your tenant.' };
const badRequest = { status: 400, description: 'Invalid id or query parameter.' };

@ApiTags('documents')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(TenantGuard)
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(
    @Inject(DocumentsService) private readonly documents: DocumentsService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List documents',
    description:
      'A page of your documents, newest first unless `sort` says otherwise; with `facets=true`, also how many have each status, type and tag.',
  })
  @ApiQueryFrom(listDocumentsQuery)
  @ApiAnswer(200, 'A page of documents.', ListDocuments.response)
  @ApiErrors(badRequest)
  list(
    @Tenant() tenantId: string,
    @Query(new ZodValidationPipe(listDocumentsQuery, 'query')) query: ListDocumentsQuery,
  ): Promise<ResponseOf<typeof ListDocuments>> {
    return this.documents.list(tenantId, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get a document',
    description: 'Status per stage with timings, type, confidence, extracted fields, and the error if it failed.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAnswer(200, 'The document.', documentViewSchema)
  @ApiErrors(badRequest, notFound)
  get(@Tenant() tenantId: string, @Param('id', documentId) id: string): Promise<DocumentView> {
    return this.documents.get(tenantId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit a document’s type, tags, title or note',
    description:
      'Sets the type (one of the taxonomy or a type of your own, e.g. payslip), replaces the tags, sets the title and/or the note; ' +
      'what changed is recorded in the timeline (document.edited). A new type is kept over later classifications of ' +
      'this document, and classification learns it for your next documents of that kind.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: openApiSchema(correctDocumentBody, 'input') })
  @ApiAnswer(200, 'The document as corrected.', documentViewSchema)
  @ApiErrors({ status: 400, description: 'Invalid id or body.' }, notFound)
  correct(
    @Tenant() tenantId: string,
    @Param('id', documentId) id: string,
    @Body(new ZodValidationPipe(correctDocumentBody, 'body')) body: CorrectDocumentBody,
  ): Promise<DocumentView> {
    return this.documents.correct(tenantId, id, body);
  }

  @Get(':id/wait')
  @ApiOperation({
    summary: 'Wait for a document to be processed',
    description:
      'Long-poll: answers 200 as soon as the document is indexed, failed or cancelled, or 202 with its current state when the timeout passes first.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQueryFrom(waitQuery)
  @ApiAnswer(200, 'The document, done (indexed, failed or cancelled).', documentViewSchema)
  @ApiAnswer(202, 'The document, still in progress when the timeout passed.', documentViewSchema)
  @ApiErrors(badRequest, notFound)
  async wait(
    @Tenant() tenantId: string,
    @Param('id', documentId) id: string,
    @Query(new ZodValidationPipe(waitQuery, 'query')) query: z.output<typeof waitQuery>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DocumentView> {
    const hungUp = new AbortController();
    response.once('close', () => hungUp.abort());
    const { document, settled } = await this.documents.wait(tenantId, id, query.timeout, hungUp.signal);
    response.status(settled ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return document;
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'A document’s timeline', description: 'The pipeline events applied to the document, oldest first.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQueryFrom(timelineQuery)
  @ApiAnswer(200, 'The events.', GetTimeline.response)
  @ApiErrors(badRequest, notFound)
  timeline(
    @Tenant() tenantId: string,
    @Param('id', documentId) id: string,
    @Query(new ZodValidationPipe(timelineQuery, 'query')) query: z.output<typeof timelineQuery>,
  ): Promise<ResponseOf<typeof GetTimeline>> {
    return this.documents.timeline(tenantId, id, query);
  }

  @Get(':id/similar')
  @ApiOperation({ summary: 'Documents like this one', description: 'Your documents closest in meaning to this one.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQueryFrom(similarQuery)
  @ApiAnswer(200, 'Similar documents, closest first.', FindSimilarDocuments.response)
  @ApiErrors(badRequest, notFound)
  similar(
    @Tenant() tenantId: string,
    @Param('id', documentId) id: string,
    @Query(new ZodValidationPipe(similarQuery, 'query')) query: z.output<typeof similarQuery>,
  ): Promise<ResponseOf<typeof FindSimilarDocuments>> {
    return this.documents.similar(tenantId, id, query.size);
  }

  @Get(':id/text')
  @ApiOperation({
    summary: 'Extracted text',
    description: 'The text of each page as extraction read it (OCR marked), its language and the entities found.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAnswer(200, 'The extracted text.', extractedTextSchema)
  @ApiErrors(badRequest, { status: 404, description: 'No such document for this tenant, or not extracted yet (text_not_found).' })
  text(@Tenant() tenantId: string, @Param('id', documentId) id: string): Promise<ExtractedText> {
    return this.documents.text(tenantId, id);
  }

  @Get(':id/thumbnail')
  @ApiOperation({
    summary: 'Thumbnail of the first page',
    description:
      'The first page as a WebP 240 px wide: a PDF page or image as drawn, other formats their first page of text. ' +
      'Written when the text is extracted.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('image/webp')
  @ApiAnswer(200, 'The thumbnail (image/webp).')
  @ApiErrors(badRequest, {
    status: 404,
    description:
      'No such document for this tenant, or no thumbnail: not extracted yet, or its first page could not be drawn (thumbnail_not_found).',
  })
  async thumbnail(@Tenant() tenantId: string, @Param('id', documentId) id: string, @Res() response: Response): Promise<void> {
    sendImage(response, await this.documents.thumbnail(tenantId, id));
  }

  @Get(':id/pages/:page/image')
  @ApiOperation({
    summary: 'A page as an image, for the preview',
    description:
      'The page as a WebP 1000 px wide: a PDF page or image as drawn, other formats the page’s extracted text. ' +
      'Drawn by extraction on the first request and kept, so later requests are served from the store.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'page', type: 'integer', description: 'Page number, from 1.' })
  @ApiProduces('image/webp')
  @ApiAnswer(200, 'The page image (image/webp).')
  @ApiErrors(badRequest, {
    status: 404,
    description:
      'No such document for this tenant (document_not_found), no such page (page_not_found), or not extracted yet (text_not_found).',
  })
  async pageImage(
    @Tenant() tenantId: string,
    @Param('id', documentId) id: string,
    @Param('page', pageNumber) page: number,
    @Res() response: Response,
  ): Promise<void> {
    sendImage(response, await this.documents.pageImage(tenantId, id, page));
  }

  @Get(':id/download')
  @ApiOperation({ summary: 'Download the original', description: 'The stored bytes, streamed, with their media type.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/octet-stream')
  @ApiAnswer(200, 'The original file.')
  @ApiErrors(badRequest, notFound)
  async download(@Tenant() tenantId: string, @Param('id', documentId) id: string, @Res() response: Response): Promise<void> {
    const { document, content } = await this.documents.download(tenantId, id);
    response.status(HttpStatus.OK);
    response.setHeader('Content-Length', String(document.sizeBytes));
    for (const [name, value] of Object.entries(userContentHeaders(document))) response.setHeader(name, value);
    await pipeline(content, response);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Delete a document',
    description: 'The document disappears from reads at once; its original, derived files and index entries are removed shortly after.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAnswer(202, 'Deleted; clean-up under way.', acceptedSchema)
  @ApiErrors(badRequest, notFound)
  async delete(@Tenant() tenantId: string, @Param('id', documentId) id: string, @Caller() caller: Principal): Promise<Accepted> {
    const accepted = await this.documents.delete(tenantId, id);
    await this.audit.record(caller, { action: 'document.deleted', tenantId, target: id });
    return accepted;
  }

  @Post(':id/reprocess')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Process a document again',
    description: 'Runs the pipeline again on the stored original (after a failure, a cancel or an upgrade).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAnswer(202, 'Queued for processing.', acceptedSchema)
  @ApiErrors(badRequest, notFound)
  reprocess(@Tenant() tenantId: string, @Param('id', documentId) id: string): Promise<Accepted> {
    return this.documents.reprocess(tenantId, id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel the processing of a document',
    description:
      'Stops further work on a document still in progress: it becomes `cancelled` at once, and no stage starts on it again. ' +
      'Work already running may finish, but its result is discarded. Reprocess it to start again.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAnswer(200, 'Cancelled: the document, with status `cancelled`.', documentViewSchema)
  @ApiErrors(badRequest, notFound, {
    status: 409,
    description: 'The document is already indexed, failed or cancelled (document_finished_conflict).',
  })
  cancel(@Tenant() tenantId: string, @Param('id', documentId) id: string): Promise<DocumentView> {
    return this.documents.cancel(tenantId, id);
  }
}

/** A WebP drawn from a user's document: never sniffed, sandboxed if opened on its own, kept only by the caller's browser. */
function sendImage(response: Response, webp: Buffer): void {
  response.status(HttpStatus.OK);
  response.setHeader('Content-Type', 'image/webp');
  response.setHeader('Content-Length', String(webp.length));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', SANDBOX_POLICY);
  // A reprocess redraws the thumbnail: a browser may keep it briefly, shared caches never (it is behind a key).
  response.setHeader('Cache-Control', 'private, max-age=60');
  response.end(webp);
}
