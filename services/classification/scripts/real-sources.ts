/* Where eval/real's documents come from: each public repository, its licence, and which of its files are which type. */

export interface Source {
  repo: string;
  licence: string;
  /** Every file goes to the evaluation split: types measured on a source the model never learned from. */
  heldOut?: boolean;
  /** Every file goes to the training split: a few template examples whose file names would all hash to one side. */
  trainOnly?: boolean;
  /** Which files, and the label their source gives them. */
  pick(paths: string[]): { path: string; label: string; language: string }[];
}

export const sources: Source[] = [
  {
    repo: 'zzzDavid/ICDAR-2019-SROIE',
    licence: 'MIT (repository); receipts of the ICDAR 2019 SROIE competition, for research use',
    // Scanned Malaysian shop receipts, transcribed line by line; every fourth one keeps the set a few hundred strong.
    pick: (paths) =>
      paths
        .filter((path) => /^data\/box\/.*\.csv$/.test(path))
        .filter((_, i) => i % 4 === 0)
        .map((path) => ({ path, label: 'receipt', language: 'en' })),
  },
  {
    repo: 'ZUGFeRD/corpus',
    licence: 'Apache-2.0 (ZUGFeRD/corpus LICENSE)',
    // Real and sample e-invoices (ZUGFeRD 1/2, Factur-X) from German and French issuers; `fail/` only fails XML validation.
    pick: (paths) =>
      paths
        .filter((path) => /\.pdf$/i.test(path) && /^(ZUGFeRDv1|ZUGFeRDv2|XML-Rechnung\/FX|unstructured)\//.test(path))
        .map((path) => ({ path, label: 'invoice', language: /fr|factur-?x_?fr|_FR/i.test(path) ? 'fr' : 'de' })),
  },
  {
    repo: 'Unstructured-IO/unstructured',
    licence: 'Apache-2.0 (Unstructured-IO/unstructured LICENSE.md)',
    pick: (paths) => [
      ...paths
        .filter((path) => /^example-docs\/(eml\/|language-docs\/)?[^/]+\.eml$/.test(path) && !/empty|encrypted/.test(path))
        .map((path) => ({ path, label: 'email', language: 'en' })),
      ...paths
        .filter((path) => /^example-docs\/[^/]+\.(csv|tsv)$/.test(path))
        .map((path) => ({ path, label: 'spreadsheet', language: 'en' })),
      ...['layout-parser-paper-fast.pdf', 'layout-parser-paper-with-table.pdf', 'a1977-backus-p21.pdf'].map((name) => ({
        path: `example-docs/pdf/${name}`,
        label: 'scientific-paper',
        language: 'en',
      })),
      // Office files: slide decks, Outlook messages and workbooks as the project's own tests keep them.
      ...paths
        .filter((path) => /^example-docs\/(language-docs\/)?[^/]+\.pptx$/.test(path) && !/malformed/.test(path))
        .map((path) => ({ path, label: 'presentation', language: 'en' })),
      ...paths
        .filter((path) => /^example-docs\/[^/]+\.msg$/.test(path) && !/encrypted/.test(path))
        .map((path) => ({ path, label: 'email', language: 'en' })),
      ...paths
        .filter((path) => /^example-docs\/(language-docs\/)?[^/]+\.xlsx$/.test(path) && !/empty|password/.test(path))
        .map((path) => ({ path, label: 'spreadsheet', language: 'en' })),
      ...['book-war-and-peace-1p.txt', 'norwich-city.txt', 'language-docs/UDHR_first_article_all.txt', 'fake-text.txt'].map((name) => ({
        path: `example-docs/${name}`,
        label: 'other',
        language: 'en',
      })),
      // A network device manual's page, a game manual's page and an essay: other; a memo written as a letter; an annual report.
      ...named(paths, /^example-docs\/(pdf\/interface-config-guide-p93\.pdf|pdf\/DA-1p\.pdf|ideas-page\.html)$/, 'other', 'en'),
      ...named(paths, /^example-docs\/pdf\/fake-memo\.pdf$/, 'letter', 'en'),
      ...named(paths, /^example-docs\/pdf\/reliance\.pdf$/, 'report', 'en'),
    ],
  },
  {
    repo: 'apache/tika',
    licence: 'Apache-2.0 (apache/tika LICENSE.txt); test documents of Tika’s parsers',
    heldOut: true,
    // Decks, messages and workbooks by other people and other tools than the sources above.
    pick: (paths) =>
      paths
        .filter(
          (path) =>
            /\/test-documents\/[^/]+\.(pptx|odp|eml|msg|xlsx|ods)$/i.test(path) &&
            !/protected|encrypt|passtika|Appointment|Contact|Task|StickyNote/i.test(path),
        )
        .map((path) => ({ path, label: labelOfTikaFile(path), language: 'en' }))
        .concat(named(paths, /\/test-documents\/testPDF_acroform3\.pdf$/, 'form', 'en')),
  },
  {
    repo: 'py-pdf/benchmarks',
    licence: 'arXiv papers as transcribed in py-pdf/benchmarks (each under its authors’ arXiv licence)',
    pick: (paths) =>
      paths
        .filter((path) => /^read\/extraction-ground-truth\/\d+\.\d+\.txt$/.test(path))
        .map((path) => ({ path, label: 'scientific-paper', language: 'en' })),
  },
  // Contracts, reports, résumés, letters and forms (and Spanish and Dutch documents) from further public sources.
  {
    repo: 'maastrichtlawtech/law3027-advanced-legal-analytics',
    licence: 'CC BY 4.0 (CUAD v1, The Atticus Project: commercial contracts filed with the SEC), kept in a GPL-3.0 repository',
    // Every eighth of CUAD's 510 contracts as text: dozens of kinds of agreement, without drowning the other types.
    pick: (paths) =>
      paths
        .filter((path) => /^data\/CUAD_v1\/full_contract_txt\/.*\.txt$/.test(path))
        .filter((_, i) => i % 8 === 0)
        .map((path) => ({ path, label: 'contract', language: 'en' })),
  },
  {
    repo: 'github/site-policy',
    licence: 'CC0-1.0 (github/site-policy LICENSE.md)',
    heldOut: true,
    // Agreements and terms a user or company accepts: contracts written by other lawyers than CUAD's.
    pick: (paths) =>
      named(paths, /^Policies\/github-terms\/github-.*(agreement|terms-of-service|terms|license-terms)\.md$/, 'contract', 'en'),
  },
  {
    repo: 'CommonPaper/CSA',
    licence: 'CC BY 4.0 (Common Paper Cloud Service Agreement, stated in the document)',
    heldOut: true,
    pick: (paths) => named(paths, /^CSA\.md$/, 'contract', 'en'),
  },
  {
    repo: 'CommonPaper/Mutual-NDA',
    licence: 'CC BY 4.0 (Common Paper Mutual NDA, stated in the document)',
    heldOut: true,
    pick: (paths) => named(paths, /^Mutual-NDA\.md$/, 'contract', 'en'),
  },
  {
    repo: 'tabulapdf/tabula-java',
    licence: 'MIT (tabula-java LICENSE); ICDAR 2013 table competition excerpts of EU and US government reports',
    pick: (paths) => [
      ...named(paths, /\/icdar2013-dataset\/competition-dataset-(eu|us)\/[^/]+\.pdf$/, 'report', 'en'),
      ...named(paths, /\/tabula\/puertos1\.pdf$/, 'report', 'es'),
    ],
  },
  {
    repo: 'camelot-dev/camelot',
    licence: 'MIT (camelot LICENSE); excerpts of Indian and US government reports',
    heldOut: true,
    pick: (paths) =>
      named(paths, /^tests\/files\/(assam|budget|health|agstat|district_health|population_growth|foo)\.pdf$/, 'report', 'en'),
  },
  {
    repo: 'jsvine/pdfplumber',
    licence: 'MIT (pdfplumber LICENSE.txt); US and Canadian public-sector reports',
    heldOut: true,
    pick: (paths) => [
      ...named(
        paths,
        /^(examples\/pdfs\/(ag-energy-round-up-2017-02-24|ca-warn-report|san-jose-pd-firearm-sample)|tests\/pdfs\/nics-background-checks-2015-11)\.pdf$/,
        'report',
        'en',
      ),
      ...named(paths, /^tests\/pdfs\/chelsea_pdta\.pdf$/, 'report', 'fr'),
      // A court transcript, a register of proposed rules and a meeting agenda: none of the types above.
      ...named(paths, /^tests\/pdfs\/(scotus-transcript-p1|federal-register-2020-17221|cupertino_usd_4-6-16)\.pdf$/, 'other', 'en'),
      ...named(paths, /^tests\/pdfs\/2023-06-20-PV\.pdf$/, 'other', 'fr'),
    ],
  },
  {
    repo: 'jankapunkt/latexcv',
    trainOnly: true,
    licence: 'MIT (latexcv LICENSE)',
    pick: (paths) => [
      ...named(paths, /^(?!infographics2\/fr\/)[a-z_0-9/]+\/main\.pdf$/, 'resume', 'en'),
      ...named(paths, /^infographics2\/fr\/main\.pdf$/, 'resume', 'fr'),
    ],
  },
  {
    repo: 'xdanaux/moderncv',
    trainOnly: true,
    licence: 'LPPL-1.3c (moderncv)',
    // One John Doe CV in several styles, and its Spanish version.
    pick: (paths) => [
      ...named(paths, /^examples\/template_(classic_green|banking_red|casual_orange|oldstyle_grey|fancy_purple)\.pdf$/, 'resume', 'en'),
      ...named(paths, /^examples\/template-es\.pdf$/, 'resume', 'es'),
    ],
  },
  {
    repo: 'posquit0/Awesome-CV',
    licence: 'LPPL-1.3c (Awesome-CV LICENCE)',
    heldOut: true,
    pick: (paths) => [
      ...named(paths, /^examples\/(resume|cv)\.pdf$/, 'resume', 'en'),
      ...named(paths, /^examples\/coverletter\.pdf$/, 'letter', 'en'),
    ],
  },
  {
    repo: 'liantze/AltaCV',
    licence: 'LPPL-1.3c (AltaCV LICENSE.md)',
    heldOut: true,
    pick: (paths) => named(paths, /^(sample|mmayer)\.pdf$/, 'resume', 'en'),
  },
  {
    repo: 'sb2nov/resume',
    licence: 'MIT (sb2nov/resume LICENSE)',
    heldOut: true,
    pick: (paths) => named(paths, /^sourabh_bajaj_resume\.pdf$/, 'resume', 'en'),
  },
  {
    repo: 'deedy/Deedy-Resume',
    licence: 'Apache-2.0 (Deedy-Resume LICENSE)',
    heldOut: true,
    pick: (paths) => named(paths, /^OpenFonts\/deedy_resume-openfont\.pdf$/, 'resume', 'en'),
  },
  {
    repo: 'ludwig-austermann/typst-din-5008-letter',
    trainOnly: true,
    licence: 'MIT (typst-din-5008-letter LICENSE)',
    // DIN 5008 business letters: the template's own examples.
    pick: (paths) => named(paths, /^examples\/(example_letter|nice_defaults|template_letter)\.pdf$/, 'letter', 'en'),
  },
  {
    repo: 'mrzool/letter-boilerplate',
    trainOnly: true,
    licence: 'MIT (letter-boilerplate README)',
    pick: (paths) => named(paths, /^output\.pdf$/, 'letter', 'en'),
  },
  {
    repo: 'MinBZK/woo-besluit-broncode-PLOOI',
    licence: 'EUPL-1.2 (repository LICENSE.md); Dutch government publications (Auteurswet art. 15b)',
    heldOut: true,
    pick: (paths) => [
      ...named(paths, /\/20110301-5687928a-draagmoederschap\.pdf$/, 'letter', 'nl'),
      ...named(paths, /\/fiche-5-herziening-verordening-en-richtlijn-markten-voor-financiele-instrumenten\.pdf$/, 'report', 'nl'),
      // A motion and parliamentary questions with their answers (Dutch), a UN resolution (English).
      ...named(paths, /\/pdf\/(kst-32545-143|ah-tk-20202021-3235)\.pdf$/, 'other', 'nl'),
      ...named(paths, /\/pdf\/vn-1441\.pdf$/, 'other', 'en'),
    ],
  },
  {
    repo: 'Hopding/pdf-lib',
    trainOnly: true,
    licence: 'MIT (pdf-lib LICENSE.md)',
    pick: (paths) => [
      ...named(
        paths,
        /^assets\/pdfs\/(dod_character|sample_form|fancy_fields|with_combed_fields|examples\/create_form)\.pdf$/,
        'form',
        'en',
      ),
      ...named(paths, /^assets\/pdfs\/us_constitution\.pdf$/, 'other', 'en'),
    ],
  },
  {
    repo: 'py-pdf/pypdf',
    trainOnly: true,
    licence: 'BSD-3-Clause (pypdf LICENSE)',
    pick: (paths) => named(paths, /^resources\/(SF424_page2|FormTestFromOo|libreoffice-form)\.pdf$/, 'form', 'en'),
  },
  {
    repo: 'mozilla/pdf.js',
    licence: 'Apache-2.0 (pdf.js LICENSE); test files attached to public bug reports',
    heldOut: true,
    pick: (paths) => [
      ...named(paths, /^test\/pdfs\/(prefilled_f1040|bug1883609|issue17492|issue12706|issue17808|issue18036)\.pdf$/, 'form', 'en'),
      ...named(paths, /^test\/pdfs\/issue14415\.pdf$/, 'contract', 'en'),
      ...named(paths, /^test\/pdfs\/(issue13201|issue6132)\.pdf$/, 'scientific-paper', 'en'),
      // A standard's text and a font package's manual.
      ...named(paths, /^test\/pdfs\/(bug1019475_1|issue10640)\.pdf$/, 'other', 'en'),
    ],
  },
  {
    repo: 'kermitt2/grobid',
    licence: 'Apache-2.0 (grobid LICENSE); research papers kept as its test files (each under its authors’ terms)',
    pick: (paths) =>
      named(
        paths,
        /^grobid-core\/src\/test\/resources\/(test\/(?!two_pages)[^/]+|sample1\/sample)\.pdf$|^grobid-service\/src\/test\/resources\/sample5\/gadr\.pdf$/,
        'scientific-paper',
        'en',
      ),
  },
  {
    repo: 'PyAr/pyafipws',
    licence: 'LGPL-3.0 (pyafipws licencia.txt)',
    heldOut: true,
    // An Argentine electronic invoice (factura A) as the library renders it.
    pick: (paths) => named(paths, /^ejemplos\/pyfepdf\/factura\.pdf$/, 'invoice', 'es'),
  },
  // Invoices (and a few other documents) from issuers, generators and languages the model never learned from.
  {
    repo: 'Azure-Samples/document-intelligence-code-samples',
    licence: 'MIT (document-intelligence-code-samples LICENSE.md)',
    heldOut: true,
    pick: (paths) => [
      ...named(paths, /^Data\/invoice\/(Invoice-6|invoice-logic-apps-tutorial|invoice|sample-invoice)\.pdf$/, 'invoice', 'en'),
      // A quarterly report's cover page (SEC form 10-Q).
      ...named(paths, /^Data\/layout\/sample-layout\.pdf$/, 'report', 'en'),
      // Photographed and screenshot receipts, read by OCR: a shop's, an app's, a hotel folio, a receipt e-mail; one French.
      ...named(paths, /^Data\/receipt\/(contoso-receipt|receipt-app-like|receipt-hotel|receipt-invoice-like)\.png$/, 'receipt', 'en'),
      ...named(paths, /^Data\/receipt\/receipt-french\.png$/, 'receipt', 'fr'),
    ],
  },
  {
    repo: 'Azure-Samples/azure-ai-document-processing-samples',
    licence: 'MIT (azure-ai-document-processing-samples LICENSE.md)',
    heldOut: true,
    // Invoices 3 to 6 are scans without a text layer; the car insurance policies are contracts.
    pick: (paths) => [
      ...named(paths, /^samples\/assets\/invoices\/invoice_[12]\.pdf$/, 'invoice', 'en'),
      ...named(paths, /^samples\/assets\/vehicle_insurance\/policy_\d\.pdf$/, 'contract', 'en'),
    ],
  },
  {
    repo: 'horstoeko/zugferd',
    licence: 'MIT (horstoeko/zugferd LICENSE)',
    heldOut: true,
    pick: (paths) => [
      ...named(paths, /^tests\/assets\/pdf_zf_(en16931_\d|extended_1|xrechnung_1)\.pdf$/, 'invoice', 'de'),
      ...named(paths, /^tests\/assets\/pdf_fx_extended_1\.pdf$/, 'invoice', 'fr'),
    ],
  },
  {
    repo: 'akretion/factur-x',
    licence: 'BSD-style (akretion/factur-x LICENSE.txt)',
    heldOut: true,
    pick: (paths) => named(paths, /^tests\/fixtures\/pdf\/invoice_EN16931\.pdf$/, 'invoice', 'fr'),
  },
  {
    repo: 'OCA/edi',
    licence: 'AGPL-3.0 (OCA/edi LICENSE); test invoices of its import modules',
    heldOut: true,
    // The ZUGFeRD 1 files of account_invoice_import_facturx are copies of ZUGFeRD/corpus ones: left out.
    pick: (paths) =>
      named(
        paths,
        /^account_invoice_import_(simple_pdf\/tests\/pdf\/(akretion_france|bouygues_telecom)-test|facturx\/tests\/files\/Facture_FR_(BASIC|EN16931|EXTENDED|MINIMUM))\.pdf$/,
        'invoice',
        'fr',
      ),
  },
  {
    repo: 'eluinstra/efactuur-pdf-nl',
    licence: 'Apache-2.0 (eluinstra/efactuur-pdf-nl LICENSE-2_0)',
    heldOut: true,
    // Dutch invoices (staffing and UBL e-invoices) as the library renders them.
    pick: (paths) => named(paths, /^resources\/PDFs generated per version\/[^/]+\.pdf$/, 'invoice', 'nl'),
  },
  {
    repo: 'genuinefafa/simple-procesador-facturas',
    licence:
      'none stated for the documents (repository MIT for its code; its README says the invoices come from romo64/pfactura); real Argentine invoices, evaluation only, never copied',
    heldOut: true,
    pick: (paths) => named(paths, /^examples\/facturas\/[^/]+\.pdf$/, 'invoice', 'es'),
  },
  {
    repo: 'strzibny/invoice_printer',
    licence: 'MIT (strzibny/invoice_printer LICENSE.txt)',
    heldOut: true,
    // The gem's example invoices (English, and Czech with English), each once: the _a4 copies are the same invoices.
    pick: (paths) => [
      ...named(paths, /^examples\/(?!czech|international|promo|variable_field)[a-z_]+(?<!_a4)\.pdf$/, 'invoice', 'en'),
      ...named(paths, /^examples\/(czech_invoice|international_invoice|variable_field_invoice)\.pdf$/, 'invoice', 'cs'),
    ],
  },
  {
    repo: 'mindee/client-lib-test-data',
    licence: 'no licence file: shared test data of Mindee’s MIT-licensed client libraries, read in place, never copied',
    heldOut: true,
    // A French electricity bill (an invoice); its other PDFs are scans without a text layer.
    pick: (paths) => named(paths, /^v1\/products\/energy_bill_fra\/default_sample\.pdf$/, 'invoice', 'fr'),
  },
  // Receipts from outside SROIE: German supermarket e-receipts and an OCR transcript of a paper one.
  {
    repo: 'MrKrisKrisu/REWE-eReceipt-Parser',
    licence: 'MIT (MrKrisKrisu/REWE-eReceipt-Parser LICENSE)',
    heldOut: true,
    pick: (paths) => named(paths, /^tests\/receipts\/[^/]+\.pdf$/, 'receipt', 'de'),
  },
  {
    repo: 'ReceiptManager/receipt-parser-legacy',
    licence: 'Apache-2.0 (ReceiptManager/receipt-parser-legacy LICENSE)',
    heldOut: true,
    pick: (paths) => named(paths, /^tests\/data\/receipts\/sample_text_receipt\.txt$/, 'receipt', 'de'),
  },
];

/** Tika names its test files by format, not content: the format is what each one is. */
function labelOfTikaFile(path: string): string {
  if (/\.(pptx|odp)$/i.test(path)) return 'presentation';
  if (/\.(eml|msg)$/i.test(path)) return 'email';
  return 'spreadsheet';
}

/** Every path that matches, with one label and language. */
export function named(
  paths: string[],
  pattern: RegExp,
  label: string,
  language: string,
): { path: string; label: string; language: string }[] {
  return paths.filter((path) => pattern.test(path)).map((path) => ({ path, label, language }));
}
