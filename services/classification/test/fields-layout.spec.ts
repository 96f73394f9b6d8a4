import { extractFields } from '../src/fields';
import { extractedText } from './support/documents';

const invoice = (text: string) => extractFields('invoice', extractedText(text));

describe('invoice fields on layouts and wordings of issuers not seen before', () => {
  it('reads no party after a customer or supplier label that only numbers it (`Customer: 2`, `Kunde: K-10023`)', () => {
    expect(invoice('Invoice 55\nCustomer: 2\n\n## Your order AB321\nTotal 12.00 €').customer).toBeUndefined();
    expect(invoice('Rechnung 7\nKunde: K-10023\nBestellung vom 01.03.2024').customer).toBeUndefined();
    expect(invoice('Invoice 55\nSupplier: 4711\nAcme Widgets Ltd\nTotal 12.00 €').vendor?.value).toBe('Acme Widgets Ltd');
    expect(invoice('Invoice 55\nCustomer: Fabrikam 2000 Ltd\nTotal 12.00 €').customer?.value).toBe('Fabrikam 2000 Ltd');
  });

  it('reads the addressee below a window envelope’s sender line printed after the body, only when an address follows it', () => {
    const body = Array.from({ length: 22 }, (_, i) => `Item ${i + 1} design hours`).join('\n');
    const text = `Invoice RE-507\n${body}\nBei Spiel GmbH ● Ecke 12 ● 12345 Stadthausen\n## Theodor Est\nBahnstr. 42\n88802 Spielkreis\nTotal 571.04 €`;
    expect(invoice(text).customer?.value).toBe('Theodor Est');
    const footer = `Invoice RE-507\n${body}\nBei Spiel GmbH ● Ecke 12 ● 12345 Stadthausen\nThank you for your order\nTotal 571.04 €`;
    expect(invoice(footer).customer).toBeUndefined();
  });

  it('cuts a party that spans two columns of one header to its own column: the issuer’s by its domain or its repeated name', () => {
    const columns =
      'Invoice 103767\nEmail info@cronus.com\nAdatum Corporation       CRONUS DE\nStation Road, 21        Hofstraße 12\nTotal 681.87 €';
    expect(invoice(columns).vendor?.value).toBe('CRONUS DE');
    const repeated = 'INVOICE\nFabrikam Inc       Northwind Traders\nInvoice No: 55\nTotal 12.00 GBP\nNorthwind Traders · Bank: Barclays';
    const fields = invoice(repeated);
    expect(fields.vendor).toMatchObject({ value: 'Northwind Traders', page: 1 });
    expect(repeated.slice(fields.vendor!.start!, fields.vendor!.end!)).toBe('Northwind Traders');
  });

  it('reads the tax’s own total rather than a rate’s line or a surcharge’s tax printed below the sums', () => {
    const text =
      'Rechnung 4711\nNettobetrag 193,77 €\nUSt 7% 9,06 €\nUSt 19% 12,24 €\nSteuerbetrag 21,30 €\nZahlbetrag 165,07 €\nZuschlag Versandkosten 7 % USt 5,80 €';
    expect(invoice(text).tax?.value).toBe('EUR 21.30');
    expect(invoice('Invoice 9\nSubtotal 100.00\nVAT 10% 4.00\nVAT 20% 16.00\nVAT total 20.00\nTotal 120.00').tax?.value).toBe('20.00');
    expect(invoice('Facture 9\nTotal HT 100,00 €\nTVA 20 % 20,00 €\nTotal TTC 120,00 €').tax?.value).toBe('EUR 20.00');
  });

  it('reads the amounts of a summary row below its row of labels, each under the label of its rank, but not below an item table’s header', () => {
    const row = invoice('Invoice 5\nNet amount VAT amount Total\n522.31 109.69 632.00');
    expect([row.subtotal?.value, row.tax?.value, row.total?.value]).toEqual(['522.31', '109.69', '632.00']);
    expect(invoice('Invoice I/1\nTAX: % Base amount: Tax amount: Total: Curr.:\nVAT 21.00 522.31 109.69 632.00 EUR').tax?.value).toBe(
      'EUR 109.69',
    );
    expect(invoice('Invoice 5\nDescription Qty Price Total\nPaper 2 5.00 10.00\nAmount due 12.00').total?.value).toBe('12.00');
  });

  it('reads a summary’s amounts in the columns of their labels in a table’s header, however many cells a row leaves empty', () => {
    // itext's invoices: a rate's row, then the sum's row, which leaves the rate's cells empty.
    const itext = invoice(
      [
        'Invoice I/00000',
        '| TAX: | % Base amount: | Tax amount: | Total: | Curr.: |',
        '| --- | --- | --- | --- | --- |',
        '| VAT 21.00 | 522.31 | 109.69 | 632.00 EUR | |',
        '| | 522.31 | 109.69 | 632.00 EUR | |',
      ].join('\n'),
    );
    expect([itext.tax?.value, itext.total?.value]).toEqual(['EUR 109.69', 'EUR 632.00']);
    // A ZUGFeRD tax summary: two rates' rows, then their sum's; the tax is the sum's, the total the largest, the subtotal
    // the net amount after surcharges and discounts, not the goods' value before them.
    const summary = [
      'Rechnung 471102',
      '| Warenwert | Zu-/Abschlag | Fracht | Skonto sofort | Nettobetrag | MwSt-Betrag | MwSt-% | Endbetrag |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| 326,50 | -8,10 | 3,00 | | 321,40 | 61,07 | 19,0 | 382,47 |',
      '| 130,70 | -3,11 | | | 127,59 | 8,93 | 7,0 | 136,52 |',
      '| 457,20 | -11,21 | 3,00 | | 448,99 | 70,00 | EUR | 518,99 |',
    ].join('\n');
    const fields = invoice(summary);
    expect([fields.subtotal?.value, fields.tax?.value, fields.total?.value]).toEqual(['EUR 448.99', 'EUR 70.00', 'EUR 518.99']);
    expect(summary.slice(fields.tax!.start!, fields.tax!.end!)).toBe('70,00');
  });

  it('reads no column for a label read across two header cells, nor below an item table’s header', () => {
    const across = invoice('Invoice 5\n| Total | Tax | Rate |\n| --- | --- | --- |\n| 120.00 | 20.00 | 20% |');
    expect(across.tax?.value).toBe('20.00');
    const items = invoice(
      'Invoice 5\n| Description | Qty | Price | Total |\n| --- | --- | --- | --- |\n| Paper | 2 | 5.00 | 10.00 |\nAmount due 12.00',
    );
    expect(items.total?.value).toBe('12.00');
  });

  it('reads the currency written as a word beside an amount (`euros`, `Rs.`)', () => {
    expect(invoice('Facture n° 2024-17\nTotal TTC : 1 250,00 euros').currency?.value).toBe('EUR');
    expect(invoice('TAX INVOICE\nInvoice No: INV-77\nTotal: Rs. 4,500.00').currency?.value).toBe('INR');
    expect(invoice('Invoice 5\nThe euro area\nTotal 10.00').currency).toBeUndefined();
  });

  it('reads the net amount as the total when the document charges no tax and names no other total', () => {
    expect(invoice('TAX INVOICE\nInvoice No: INV-77\nNet Amount: Rs. 4,500.00').total?.value).toBe('INR 4500.00');
    const taxed = invoice('Invoice 9\nNet amount 100.00\nVAT 20% 20.00\nTotal 120.00');
    expect([taxed.subtotal?.value, taxed.total?.value]).toEqual(['100.00', '120.00']);
  });
});

describe('receipt payment method', () => {
  const paid = (text: string) => extractFields('receipt', extractedText(text)).paymentMethod;

  it('takes no loyalty card for the payment, and reads the German EC-Cash as a card', () => {
    expect(paid('INDAH GIFT & HOME DECO\nST-PRIVILEGE CARD/GD INDAH\nTOTAL RM 60.30\nCASH RM 70.30\nCHANGE RM 10.00')?.value).toBe('cash');
    expect(paid('REWE Markt GmbH\nSUMME EUR 5,00\nGeg. EC-Cash EUR 5,00\nPAYBACK Karten-Nr.: ####0000')).toMatchObject({
      value: 'card',
      page: 1,
    });
    expect(paid('Shell\nTOTAL 40.00\nVISA ****1234\nSHELL LOYALTY CARD 5512')?.value).toBe('card');
  });
});
