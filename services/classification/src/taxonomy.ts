import { DEFAULT_DOCUMENT_TYPES, documentTypeNameSchema, OTHER_DOCUMENT_TYPE } from '@docpipe/contracts';
import { z } from 'zod';

/** One line per known type, for engines that read instructions (the LLM prompt). */
export const typeDescriptions: Record<string, string> = {
  invoice: 'a bill from a seller asking for payment: invoice number, dates, line items, totals, payment details',
  receipt: 'proof of a payment already made at a shop, restaurant or online: merchant, items, total, payment method',
  contract: 'an agreement between parties with terms, obligations, duration and signatures',
  resume: 'a CV or résumé: a person’s contact details, work experience, education and skills',
  letter: 'correspondence addressed to someone: sender, recipient, date, salutation, closing',
  report: 'a report presenting findings, figures or status for a period or an incident, with sections and conclusions',
  'scientific-paper': 'a research article: abstract, introduction, methods, results, references',
  form: 'a form to fill in: labelled blanks, checkboxes, signature lines',
  email: 'an e-mail message: subject, sender and recipients, a body written to someone, perhaps attachments',
  spreadsheet: 'a table exported from a spreadsheet or database (CSV): rows of cells under column headers',
  presentation: 'a slide deck: short titled slides of bullet points, figures and speaker notes',
  other: 'anything else',
};

/** DOCUMENT_TYPES: comma-separated type names; must include `other`, the fallback. */
export const documentTypesSchema = z
  .string()
  .default(DEFAULT_DOCUMENT_TYPES.join(','))
  .transform((value) => [
    ...new Set(
      value
        .split(',')
        .map((label) => label.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(documentTypeNameSchema)
      .min(2)
      .refine(
        (labels) => labels.includes(OTHER_DOCUMENT_TYPE),
        `must include "${OTHER_DOCUMENT_TYPE}", the type of documents that fit no other`,
      ),
  );

export type Taxonomy = readonly string[];
