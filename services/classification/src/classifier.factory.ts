import type { Logger } from '@docpipe/platform';
import { OfflineClassifier, DEFAULT_MODEL_PATH } from './adapters/offline.classifier';
import { OllamaClassifier } from './adapters/ollama.classifier';
import type { DocumentClassifier } from './classifier';
import type { ClassificationConfig } from './config';

/** Ollama when OLLAMA_HOST is set, the offline model otherwise. */
export function createClassifier(config: ClassificationConfig, logger: Logger): DocumentClassifier {
  const classifier = config.OLLAMA_HOST
    ? new OllamaClassifier(
        {
          host: config.OLLAMA_HOST,
          model: config.OLLAMA_MODEL,
          timeoutMs: config.OLLAMA_TIMEOUT_MS,
          maxChars: config.OLLAMA_MAX_CHARS,
          keepAlive: config.OLLAMA_KEEP_ALIVE,
        },
        config.DOCUMENT_TYPES,
        logger,
      )
    : OfflineClassifier.load(config.CLASSIFIER_MODEL_PATH ?? DEFAULT_MODEL_PATH, config.DOCUMENT_TYPES);
  logger.info(
    { event: 'classifier.selected', classifier: classifier.id, documentTypes: config.DOCUMENT_TYPES },
    `classifying with ${classifier.id.name} ${classifier.id.version}`,
  );
  return classifier;
}
