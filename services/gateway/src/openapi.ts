import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document at /api/docs (UI) and /api/docs-json (machine-readable). */
export function serveOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('docpipe')
      .setDescription(
        'Upload documents, follow them through the pipeline, and search them by meaning. ' +
          'Authenticate with an API key, as `Authorization: Bearer <key>` or `x-api-key: <key>`; the key decides the tenant. ' +
          'Errors are `{ "error": { "code", "message" } }`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An API key from API_KEYS' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
