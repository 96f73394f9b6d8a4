export { EventLog } from './event-log';
export { FakeOpenSearch, type FakeHit, type RecordedRequest } from './fake-opensearch';
export { useFakeOpenSearch, type FakeOpenSearchSuite } from './fake-opensearch-suite';
export { MetadataStandInModule } from './metadata-stand-in';
export { drainQueue, waitFor } from './queues';
export { useFakeOllama } from './fake-ollama-suite';
export { startTestIssuer, type TestIssuer, type TokenClaims } from './test-issuer';
export { testFont } from './test-font';
export { startWebhookReceiver, verifyDocpipeSignature, type ReceivedWebhook, type WebhookReceiver } from './webhook-receiver';
