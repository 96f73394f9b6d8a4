import type { ExtractedText } from '@docpipe/contracts';
import { contractFields } from './contract.fields';
import { formFields, reportFields, scientificPaperFields } from './document.fields';
import { amountsOf, entitiesOf } from './entities';
import { linesOf, type FieldExtractor, type Fields } from './field';
import { invoiceFields } from './invoice.fields';
import { letterFields } from './letter.fields';
import { receiptFields } from './receipt.fields';
import { resumeFields } from './resume.fields';

export type { Field, Fields } from './field';

const extractors: Record<string, FieldExtractor> = {
  invoice: invoiceFields,
  receipt: receiptFields,
  contract: contractFields,
  resume: resumeFields,
  letter: letterFields,
  report: reportFields,
  'scientific-paper': scientificPaperFields,
  form: formFields,
};

/** The fields of a document of the given type, each with its evidence; none for types without an extractor. */
export function extractFields(documentType: string, document: ExtractedText): Fields {
  const extractor = extractors[documentType];
  if (!extractor) return {};
  const entities = entitiesOf(document);
  return extractor({ document, entities, amounts: amountsOf(document, entities), lines: linesOf(document) });
}
