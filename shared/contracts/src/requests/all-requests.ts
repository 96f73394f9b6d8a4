import type { ErrorCodeOf } from '../request';
import { AskQuestion } from './ask.requests';
import { CreateApiKey, ListActiveApiKeys, ListApiKeys, RevokeApiKey, RotateApiKey } from './api-keys.requests';
import { ListAuditEntries } from './audit.requests';
import { RenderPageImage } from './extraction.requests';
import { ReadIndexStatus } from './indexing.requests';
import {
  CancelDocument,
  CorrectDocument,
  DeleteDocument,
  FindIdempotentResponse,
  GetDocument,
  ListDocuments,
  RegisterDocument,
  ReprocessDocument,
  SaveIdempotentResponse,
} from './metadata.requests';
import {
  EnableWebhook,
  ListActiveWebhooks,
  ListWebhookDeliveries,
  ListWebhooks,
  RedeliverWebhook,
  RegisterWebhook,
  RemoveWebhook,
} from './webhooks.requests';
import { FindSimilarDocuments, SearchDocuments } from './search.requests';
import { GetTimeline } from './timeline.requests';

/** Every request one service answers for another. */
export const allRequests = [
  RegisterDocument,
  GetDocument,
  ListDocuments,
  DeleteDocument,
  CancelDocument,
  ReprocessDocument,
  FindIdempotentResponse,
  SaveIdempotentResponse,
  CorrectDocument,
  GetTimeline,
  SearchDocuments,
  FindSimilarDocuments,
  AskQuestion,
  RenderPageImage,
  ReadIndexStatus,
  CreateApiKey,
  ListApiKeys,
  RevokeApiKey,
  RotateApiKey,
  ListActiveApiKeys,
  RegisterWebhook,
  ListWebhooks,
  RemoveWebhook,
  EnableWebhook,
  ListActiveWebhooks,
  ListWebhookDeliveries,
  RedeliverWebhook,
  ListAuditEntries,
] as const;

/** Every code a request can be answered with: each request's own, and the transport's. */
export type RequestErrorCode = ErrorCodeOf<(typeof allRequests)[number]>;
