/**
 * Evaluation sources whose documents were read while features or cue words were chosen. Never trained on, but no
 * longer unseen either: `eval:classify` reports the never-trained sources without them as well, the figure that
 * says whether a change generalises. Add a source here whenever its documents shape a change.
 */
export const INSPECTED_SOURCES: Readonly<Record<string, string>> = {
  'MrKrisKrisu/REWE-eReceipt-Parser': 'German receipt cue words were picked from its receipts (a05809f)',
  'strzibny/invoice_printer': 'its Czech invoices, read as receipts, were studied for the Markdown table fix',
  'camelot-dev/camelot': 'its agstat.pdf table, read as a receipt, was studied for the Markdown table fix',
  'mozilla/pdf.js': 'its issue18036.pdf, read as a receipt, was studied for the Markdown table fix',
  // Read to label them for training, then left out: the fields evaluation holds them out (e8db72a).
  'AlexAltea/invoice': 'its invoice was read to label it for training',
  'jos2k4/Simple-Invoice-Scanner': 'its invoices were read to label them for training',
  'francescosalzano1/pdfs': 'its receipt was read to label it for training',
};
