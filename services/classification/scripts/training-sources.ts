/* Training-only sources: more kinds of receipt, manual, book, form and report than the first sources gave, all in the train split. */
import { named, type Source } from './real-sources';

/**
 * Every file here trains; none is scored. The types the model missed most on sources it never saw (receipts outside
 * SROIE, `other` beside `report`) had one source each to learn from, so these add other issuers, languages and
 * kinds of file, chosen by what their repository says they are, never by the held-out documents' wording.
 */
export const trainingSources: Source[] = [
  {
    repo: 'softmatic/vision-data',
    trainOnly: true,
    licence: 'CC-BY-4.0 (softmatic/vision-data README: "all data is licensed under CC-BY-4.0")',
    // Flatbed scans of German till receipts (supermarkets, DIY stores, a pharmacy), read by OCR as the pipeline reads photos.
    pick: (paths) => named(paths, /^2D\/Receipts\/A\/[^/]+\.jpg$/, 'receipt', 'de'),
  },
  {
    repo: 'excid3/receipts',
    trainOnly: true,
    licence: 'MIT (excid3/receipts LICENSE.txt)',
    // The gem's rendered examples: a web shop's receipt and invoice.
    pick: (paths) => [
      ...named(paths, /^examples\/receipt\.pdf$/, 'receipt', 'en'),
      ...named(paths, /^examples\/invoice\.pdf$/, 'invoice', 'en'),
    ],
  },
  {
    repo: 'HelgeSverre/synapse',
    trainOnly: true,
    licence: 'MIT (HelgeSverre/synapse README, "License: MIT")',
    pick: (paths) => named(paths, /^examples\/receipt\.pdf$/, 'receipt', 'en'),
  },
  {
    repo: 'GoogleCloudPlatform/document-ai-samples',
    trainOnly: true,
    licence: 'Apache-2.0 (GoogleCloudPlatform/document-ai-samples LICENSE); US tax forms are public domain',
    pick: (paths) => [
      ...named(paths, /^classify-split-extract-workflow\/sample-docs\/2020 Form [^/]+\.pdf$/, 'form', 'en'),
      ...named(paths, /^community\/codelabs\/docai-specialized-processors\/CymbalContract\.pdf$/, 'contract', 'en'),
      ...named(
        paths,
        /^document_ai_warehouse\/document_ai_warehouse_batch_ingestion\/sample_data\/invoices\/Invoice[1-5]\.pdf$/,
        'invoice',
        'en',
      ),
      // A historical text set in a handwriting font: prose that is none of the types.
      ...named(paths, /^pdf-embedded-text\/DeclarationOfIndependence-Cursive\.pdf$/, 'other', 'en'),
    ],
  },
  {
    repo: 'kermitt2/grobid',
    trainOnly: true,
    licence: 'Apache-2.0 (grobid LICENSE); the project’s own annotation guidelines',
    // Manuals: numbered sections, examples and instructions, neither report nor paper.
    pick: (paths) => named(paths, /^grobid-trainer\/doc\/(GuidelinesTrainingData|affiliation-guidelines)\.pdf$/, 'other', 'en'),
  },
  {
    repo: 'xdanaux/moderncv',
    trainOnly: true,
    licence: 'LPPL-1.3c (moderncv)',
    pick: (paths) => named(paths, /^manual\/moderncv_userguide\.pdf$/, 'other', 'en'),
  },
  {
    repo: 'Unstructured-IO/unstructured',
    trainOnly: true,
    licence: 'Apache-2.0 (Unstructured-IO/unstructured LICENSE.md)',
    // Files the first pick left out: a handbook's page, a steel datasheet, a chat export (other); a 10-K's page (report).
    pick: (paths) => [
      ...named(paths, /^example-docs\/(handbook-1p\.docx|example-steelJIS-datasheet\.html|teams_chat\.docx)$/, 'other', 'en'),
      ...named(paths, /^example-docs\/example-10k-1p\.html$/, 'report', 'en'),
    ],
  },
];
