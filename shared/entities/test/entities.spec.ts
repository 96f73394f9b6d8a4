import { findBareAmounts, findEntities, normaliseAmount } from '../src';

const found = (text: string, kind: string, language?: string) =>
  findEntities(1, text, language)
    .filter((entity) => entity.kind === kind)
    .map((entity) => entity.value);

describe('generic entities', () => {
  it('reads dates in ISO, numeric and written forms as ISO dates', () => {
    expect(found('Issued 2024-03-12, due 15.04.2024, paid on March 3, 2024 and 3rd of May 2024.', 'date')).toEqual([
      '2024-03-12',
      '2024-04-15',
      '2024-03-03',
      '2024-05-03',
    ]);
  });

  it('reads written dates in English, French, German, Dutch, Spanish and Italian', () => {
    expect(found('Date: August 3 , 2014', 'date')).toEqual(['2014-08-03']);
    expect(found('Paris, le 02 Juillet 2015', 'date')).toEqual(['2015-07-02']);
    expect(found('Berlin, 3. März 2024', 'date')).toEqual(['2024-03-03']);
    expect(found('Amsterdam, 12 januari 2024', 'date')).toEqual(['2024-01-12']);
    expect(found('Madrid, 5 de marzo de 2023', 'date')).toEqual(['2023-03-05']);
    expect(found('Data fattura: 12 gennaio 2024\nRoma, 3 maggio 2024', 'date')).toEqual(['2024-01-12', '2024-05-03']);
  });

  it('reads slashed dates day first unless the day cannot be a month', () => {
    expect(found('03/04/2018', 'date')).toEqual(['2018-04-03']);
    expect(found('03/25/2018', 'date')).toEqual(['2018-03-25']);
  });

  it('reads a text’s slashed dates month first when it writes one that can only be month first', () => {
    expect(found('Invoice Date 11/03/2017\nPaid 11/17/2017', 'date')).toEqual(['2017-11-03', '2017-11-17']);
    expect(found('Invoice Date 11/03/2017\nPaid 17/11/2017', 'date')).toEqual(['2017-03-11', '2017-11-17']);
  });

  it('reads slashed dates month first beside a US address, unless one can only be day first; dotted dates stay day first', () => {
    // Azure Document Intelligence's receipt-invoice-like sample: a Los Angeles shop's receipt of 8 January 2024.
    expect(found('Contoso\n3050 Old Centre Road,\nLos Angeles, CA 90018\nReceipt Date 01/08/2024', 'date')).toEqual(['2024-01-08']);
    // invoice_printer's long invoice: a Bronx address, and 19/03/2016 shows its dates are day first.
    expect(found('Bronx, NY 10457\nIssue date 05/03/2016\nDue date 19/03/2016', 'date')).toEqual(['2016-03-05', '2016-03-19']);
    // A ZUGFeRD visualisation: `DE 38226` is a German postcode, not Delaware, and 05.03.2018 is 5 March.
    expect(found('Anschrift: Marktstr. 153\nDE 38226 Salzgitter\nRechnung vom 05.03.2018', 'date')).toEqual(['2018-03-05']);
  });

  it('reads a spaced dotted date as German typesetting prints it, and no impossible one', () => {
    expect(found('Rechnungsdatum 14. 11. 2018', 'date')).toEqual(['2018-11-14']);
    expect(found('Stand 31. 2. 2018, Version 1. 2. 3', 'date')).toEqual([]);
  });

  it('leaves relative phrases alone', () => {
    expect(found('Pay today or by next Friday.', 'date')).toEqual([]);
  });

  it('skips impossible dates', () => {
    expect(found('31.02.2024 and 2024-13-01', 'date')).toEqual([]);
  });

  it('reads bare amounts with decimals, grouping thousands with blanks only before a decimal comma', () => {
    const values = (text: string) => findBareAmounts(text).map((match) => match.value);
    expect(values('Total 1 234,50 and 1.234,50 and 1,234.50')).toEqual(['1234.50', '1234.50', '1234.50']);
    expect(values('TOTAL 150 750.00')).toEqual(['750.00']);
  });

  it('normalises amounts with a currency before or after', () => {
    expect(found('Total EUR 1.785,00; deposit $1,250.50 and 99,90 € and £12', 'money')).toEqual([
      'EUR 1785.00',
      'USD 1250.50',
      'EUR 99.90',
      'GBP 12.00',
    ]);
    expect(normaliseAmount("1'234.5")).toBe('1234.50');
  });

  it('reads whole amounts written with a dash for the cents', () => {
    expect(found('Totaal €6,- en € 1.250,-- ', 'money')).toEqual(['EUR 6.00', 'EUR 1250.00']);
  });

  it('reads the Czech koruna sign Kč as CZK, thousands grouped with dots (invoice_printer)', () => {
    expect(found('Cena bez daně: Kč 10.000 Celkem: Kč 12.100,-', 'money')).toEqual(['CZK 10000.00', 'CZK 12100.00']);
  });

  it('takes any ISO 4217 code as a currency, and no other three capitals', () => {
    expect(found('Total MYR 12.50, VAT 3.00, ABC 4.00, 8,00 SEK', 'money')).toEqual(['MYR 12.50', 'SEK 8.00']);
  });

  it('finds e-mail addresses, lower-cased', () => {
    expect(found('Write to Anna.Berg@Example.COM or billing@acme.co.uk.', 'email')).toEqual([
      'anna.berg@example.com',
      'billing@acme.co.uk',
    ]);
  });

  it('finds valid phone numbers in E.164, national ones for the document’s language, not dates or bare numbers', () => {
    expect(found('Call +49 30 1234567 or (030) 7654321; order 123456789 on 12.03.2024', 'phone', 'de')).toEqual([
      '+49301234567',
      '+49307654321',
    ]);
    expect(found('Bel 020 794 6000 of +44 20 7946 0958', 'phone', 'nl')).toEqual(['+31207946000', '+442079460958']);
  });

  it('finds IBANs that pass the mod-97 check, not look-alikes', () => {
    expect(found('IBAN: DE89 3704 0044 0532 0130 00, bad: DE89 3704 0044 0532 0130 01', 'iban')).toEqual(['DE89370400440532013000']);
    expect(found('IBAN GB82WEST12345698765432 / NL91ABNA0417164300', 'iban')).toEqual(['GB82WEST12345698765432', 'NL91ABNA0417164300']);
  });

  it('finds invoice numbers after a label or with an invoice prefix', () => {
    expect(found('Invoice No. 2024-031\nRechnung Nr. 24-1187\nRef INV-2024-0042\nInvoice number: none', 'invoice-number')).toEqual([
      '2024-031',
      '24-1187',
      'INV-2024-0042',
    ]);
    expect(
      found('Rechnungsnummer: 471102\nFactuurnummer 2020001\nN° de facture : F-12\nNúmero de factura: A-17', 'invoice-number'),
    ).toEqual(['471102', '2020001', 'F-12', 'A-17']);
  });

  it('finds the number in an invoice’s title line and after Spanish and Italian labels, not after other numbers’ labels', () => {
    const titles =
      'Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 471102 vom 05.03.2018\nRechnung Nr. 42\nFACTURA\nNº 0003 - 00003435';
    expect(found(titles, 'invoice-number')).toEqual(['471102', '42', '0003-00003435']);
    const labels = 'Punto de Venta: 00003 Comp. Nro: 00000128\nFattura n. 12/2024\nBeleg-Nr : R87654321012345\nRechnungs-Nr.: 2024-17';
    expect(found(labels, 'invoice-number')).toEqual(['00000128', '12/2024', 'R87654321012345', '2024-17']);
    expect(found('Invoice address: Main St. No. 5\nIhre Nr. 4711\nKunden-Nr. 10000', 'invoice-number')).toEqual([]);
  });

  it('reads a short id after its label, an id printed below its label with a hash, and a date-shaped id after a number word', () => {
    expect(found('Factuurnummer: 77\nInvoice #: 7', 'invoice-number')).toEqual(['77', '7']);
    expect(found('Invoice Number:\n#12\nDate: January 26, 2019', 'invoice-number')).toEqual(['12']);
    expect(found('Invoice #2015-11-04', 'invoice-number')).toEqual(['2015-11-04']);
    expect(found('Rechnung 05.03.2018', 'invoice-number')).toEqual([]);
  });

  it('finds the number in a title line written as a Markdown heading (a PDF’s large title)', () => {
    const titles = '## Rechnung Nr. 42\n\n### Facture FA-2017-0009\n\n## Invoice: INV-100';
    expect(found(titles, 'invoice-number')).toEqual(['42', 'FA-2017-0009', 'INV-100']);
  });

  it('reads the title word as the number’s label and a doubled number word (Azure Document Intelligence samples)', () => {
    expect(found('INVOICE\n\nINVOICE: INV-100\nINVOICE DATE: 11/15/2019', 'invoice-number')).toEqual(['INV-100']);
    expect(found('Date: 9/10/2020\nReceipt # No.: 9876', 'invoice-number')).toEqual(['9876']);
    expect(found('Invoice: 15.11.2019\nInvoice address: 12 Main St.', 'invoice-number')).toEqual([]);
  });

  it('reads abbreviated and Dutch, French and Spanish label variants, not a customer’s or another document’s number', () => {
    const labels = 'Re.-Nr.: 20240012\nRG-Nr. 2024001\nRechn.-Nr. 12345\nFact. nr. 2020001\nNotanummer: 4711\nRéf. facture : 2024-001';
    expect(found(labels, 'invoice-number')).toEqual(['20240012', '2024001', '12345', '2020001', '4711', '2024-001']);
    expect(found('Fra. nº: 2024/15\nNº Fra.: 2024/16\nNum. factura: 123\nInvoice Ref: AB-12', 'invoice-number')).toEqual([
      '2024/15',
      '2024/16',
      '123',
      'AB-12',
    ]);
    expect(found('Ihre Nr. 4711\nLieferschein-Nr. 12\nWare-Nr. 5', 'invoice-number')).toEqual([]);
  });

  it('reads the number in the cell after its label’s in a Markdown table row', () => {
    expect(found('| Rechnungsnummer | 2024-0012 |\n| Invoice # | 0042 |', 'invoice-number')).toEqual(['2024-0012', '0042']);
  });

  it('reads an id standing alone below a title that stands alone, never an amount or a date', () => {
    expect(found('FACTURE\nFA-2024-12\n\n## Rechnung\n\n2024-0012\nInvoice: #1234', 'invoice-number')).toEqual([
      'FA-2024-12',
      '2024-0012',
      '1234',
    ]);
    expect(found('INVOICE\n1234.00\n\nInvoice\n12/03/2024', 'invoice-number')).toEqual([]);
  });

  it('reads a year and its running number printed apart as one id when they close the line, never other spaced digits', () => {
    expect(found('Invoice no 2024 001\nFactuurnr: F 2023 88\nFacture N° 2019 0042', 'invoice-number')).toEqual([
      '2024001',
      'F202388',
      '20190042',
    ]);
    expect(found('Invoice No 4711 030 1234 5678\nRechnung Nr. 2024 12.03.2024\nInvoice no 2024 001 Date', 'invoice-number')).toEqual([
      '4711',
      '2024',
      '2024',
    ]);
  });

  it('reads commas between digits as part of an id (`1,234`, `00,00,0001`), not a comma before a blank', () => {
    expect(found('Bill No: 1,234\nInvoice Number: 00,00,0001\nInvoice #123, 2024', 'invoice-number')).toEqual([
      '1,234',
      '00,00,0001',
      '123',
    ]);
  });

  it('reads a number word before the document word in Spanish, Italian and Dutch, Czech and Scandinavian labels, and a dated title', () => {
    const labels =
      'Nro. de factura: 000123\nNo. de factura: A-77\nN. fattura: 45\nNr. factuur 2024-9\nFaktura č. 198900000001\nFakturanummer: 12345';
    expect(found(labels, 'invoice-number')).toEqual(['000123', 'A-77', '45', '2024-9', '198900000001', '12345']);
    expect(found('Invoice 2024-15 dated 01/02/2024\nRechnung 4711 vom 3. März 2024', 'invoice-number')).toEqual(['2024-15', '4711']);
    expect(found('Invoice 12.03.2024 of the order', 'invoice-number')).toEqual([]);
  });

  it('reads no id before a numeric date into the date (a row of values)', () => {
    expect(findEntities(1, '2024-012 01-03-2024 15-03-2024').filter((entity) => entity.kind === 'date')).toMatchObject([
      { text: '01-03-2024', value: '2024-03-01', start: 9 },
      { text: '15-03-2024', value: '2024-03-15' },
    ]);
  });

  it('gives each span to one entity only: an IBAN is no phone number', () => {
    const entities = findEntities(2, 'Pay to DE89 3704 0044 0532 0130 00 by 2024-05-01');
    expect(entities.map((entity) => [entity.kind, entity.page])).toEqual([
      ['iban', 2],
      ['date', 2],
    ]);
    const [iban] = entities;
    expect('Pay to DE89 3704 0044 0532 0130 00 by 2024-05-01'.slice(iban.start, iban.end)).toBe('DE89 3704 0044 0532 0130 00');
  });
});
