import { z } from 'zod';
import { blocks } from './features';

export const MODEL_FORMAT = 'docpipe.document-classifier';

/** The offline classifier as committed in the repo: vocabulary, IDF, weights per type, and the confidence threshold. */
export const modelFileSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    formatVersion: z.literal(1),
    /** Hash of the parameters below: the classifier version every DocumentClassified names. */
    version: z.string().min(8),
    labels: z.array(z.string().min(1)).min(2),
    /** Below this top probability the answer is `other`. */
    threshold: z.number().min(0).max(1),
    /** Divides the scores before the softmax, fitted on documents the weights never saw, so confidence matches accuracy. */
    temperature: z.number().positive().default(1),
    trainingSet: z.object({ documents: z.number().int().positive(), sha256: z.string().length(64) }),
    blockWeights: z.object({
      ...(Object.fromEntries(blocks.map((block) => [block, z.number().nonnegative()])) as Record<(typeof blocks)[number], z.ZodNumber>),
      /** Models from before the media block (the baseline eval:classify prints) gave it no weight. */
      media: z.number().nonnegative().default(0),
      /** Nor to the cue words (models before the Dutch and Spanish work). */
      cue: z.number().nonnegative().default(0),
      /** Nor to the shape of the text (models before the layout block). */
      layout: z.number().nonnegative().default(0),
    }),
    vocabulary: z.array(z.string().min(1)).min(1),
    idf: z.array(z.number().positive()),
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
  })
  .superRefine((model, context) => {
    const issue = (message: string) => context.addIssue({ code: z.ZodIssueCode.custom, message });
    if (model.idf.length !== model.vocabulary.length) issue('idf and vocabulary differ in length');
    if (model.weights.length !== model.labels.length || model.bias.length !== model.labels.length) {
      issue('weights and bias need one row per label');
    }
    if (model.weights.some((row) => row.length !== model.vocabulary.length)) issue('every weight row needs one weight per feature');
    if (new Set(model.vocabulary).size !== model.vocabulary.length) issue('the vocabulary has duplicates');
  });

export type ModelFile = z.output<typeof modelFileSchema>;

/** One line per top-level entry and per weight row: small, and a retrained model diffs readably. */
export function serializeModel(model: ModelFile): string {
  const entries = Object.entries(model).map(([key, value]) =>
    key === 'weights'
      ? `  "weights": [\n${(value as number[][]).map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{\n${entries.join(',\n')}\n}\n`;
}
