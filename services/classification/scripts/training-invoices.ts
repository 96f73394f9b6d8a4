/* Training-only invoices, receipts and letters that are not German e-invoices (other issuers, generators and languages), and manuals. */
import { named, type Source } from './real-sources';

const NO_LICENCE = 'none stated (repository without a licence file): read in place for training, never copied';

/**
 * 77 of the first 99 training invoices were German ZUGFeRD, so the model learned one kind of invoice. These are
 * generator outputs and one-off invoices of small projects in English, French, Dutch, Spanish, Italian and German,
 * each file's type read off the document itself (the file name lies: a `factura.pdf` may be a till receipt). None
 * of these repositories has a document in any evaluation split, nor in the fields evaluation's held-out set.
 */
export const trainingInvoiceSources: Source[] = [
  {
    repo: '007qr/invoice-rs',
    trainOnly: true,
    licence: NO_LICENCE,
    pick: (paths) => named(paths, /^invoice\.pdf$/, 'invoice', 'en'),
  },
  {
    repo: 'Carrington-dev/invoices',
    trainOnly: true,
    licence: 'CC0-1.0 (Carrington-dev/invoices python-weasyprint/LICENSE)',
    pick: (paths) => [
      ...named(paths, /^python-weasyprint\/invoice\.pdf$/, 'invoice', 'en'),
      ...named(paths, /^python-weasyprint\/receipt\.pdf$/, 'receipt', 'en'),
    ],
  },
  {
    repo: 'AndrzejTusinski/invoice-generator',
    trainOnly: true,
    licence: NO_LICENCE,
    pick: (paths) => named(paths, /^invoice\.pdf$/, 'invoice', 'en'),
  },
  {
    repo: 'Anas-KhanWP/invoice_generator-v2',
    trainOnly: true,
    licence: NO_LICENCE,
    // Two of its numbered invoices: the rest repeat the same template.
    pick: (paths) => named(paths, /^duplicate_invoices\/invoice_1[23]\.pdf$/, 'invoice', 'en'),
  },
  {
    repo: 'YoussefElkhalloufi/PDF_generator',
    trainOnly: true,
    licence: NO_LICENCE,
    pick: (paths) => named(paths, /^facture[A-Za-z_]*\.pdf$/, 'invoice', 'fr'),
  },
  {
    repo: 'mamyRaz/eFac',
    trainOnly: true,
    licence: NO_LICENCE,
    pick: (paths) => named(paths, /^Facture_F1\.pdf$/, 'invoice', 'fr'),
  },
  {
    repo: 'richelbilderbeek/mbot_parcival',
    trainOnly: true,
    licence: 'GPL-3.0 (richelbilderbeek/mbot_parcival LICENSE)',
    // An invoice written as a letter.
    pick: (paths) => named(paths, /^factuur\.pdf$/, 'invoice', 'nl'),
  },
  {
    repo: 'luigi08-cmd/project-2',
    trainOnly: true,
    licence: NO_LICENCE,
    pick: (paths) => named(paths, /^factuur\.pdf$/, 'invoice', 'nl'),
  },
  {
    repo: 'WilyAndy15/PROYECTO-FACTURACION',
    trainOnly: true,
    licence: NO_LICENCE,
    // A water utility's bill and its payment receipt (Ecuador).
    pick: (paths) => [...named(paths, /^factura\.pdf$/, 'invoice', 'es'), ...named(paths, /^recibo\.pdf$/, 'receipt', 'es')],
  },
  {
    repo: 'Avesousa/facturacionMF',
    trainOnly: true,
    licence: NO_LICENCE,
    // A shop's "boleta de compra": a till receipt despite the file name.
    pick: (paths) => named(paths, /^factura\.pdf$/, 'receipt', 'es'),
  },
  {
    repo: 'Josevaca98/Automatizar-PDF_Python',
    trainOnly: true,
    licence: NO_LICENCE,
    pick: (paths) => named(paths, /^factura\.pdf$/, 'receipt', 'es'),
  },
  {
    repo: 'Juanemiliani70/automated_pdf_generator.py',
    trainOnly: true,
    licence: NO_LICENCE,
    pick: (paths) => named(paths, /^factura\.pdf$/, 'receipt', 'es'),
  },
  {
    repo: 'jouleffect/clocktask',
    trainOnly: true,
    licence: 'GPL-3.0 (jouleffect/clocktask LICENSE)',
    // A pro-forma invoice, and the project's own report for a university course.
    pick: (paths) => [...named(paths, /^fattura\.pdf$/, 'invoice', 'it'), ...named(paths, /^R\.A\.D\.pdf$/, 'report', 'it')],
  },
  {
    repo: 'MattiaB01/DemoGestionalePsicologi',
    trainOnly: true,
    licence: NO_LICENCE,
    pick: (paths) => named(paths, /^fattura\.pdf$/, 'invoice', 'it'),
  },
  {
    repo: 'mybestspinner280/pdf-generator-api',
    trainOnly: true,
    licence: NO_LICENCE,
    // An invoice and a notice of a residents' meeting sent to an owner (a letter).
    pick: (paths) => [
      ...named(paths, /^fattura_professionale\.pdf$/, 'invoice', 'it'),
      ...named(paths, /^convocazione\.pdf$/, 'letter', 'it'),
    ],
  },
  // Manuals, guides and an essay, in the plain text and Markdown that conversion tools keep their documentation in:
  // on sources never trained on, half the documents of none of the types were typed `report` (5 of 10), and the
  // training set held only five manuals.
  {
    repo: 'jgm/pandoc',
    trainOnly: true,
    licence: 'GPL-2.0-or-later (jgm/pandoc COPYING.md); the project’s own manual and guides',
    pick: (paths) => named(paths, /^(MANUAL\.txt|doc\/(getting-started|filters|faqs|twenty-years-of-pandoc)\.md)$/, 'other', 'en'),
  },
  {
    repo: 'ocrmypdf/OCRmyPDF',
    trainOnly: true,
    licence: 'MPL-2.0 (ocrmypdf/OCRmyPDF LICENSE; documentation under the licences in LICENSES/)',
    pick: (paths) => named(paths, /^docs\/(installation|cookbook|introduction|performance)\.md$/, 'other', 'en'),
  },
];
