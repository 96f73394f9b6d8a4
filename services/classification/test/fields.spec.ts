import { extractFields, type Field } from '../src/fields';
import { contractText, extractedText, invoiceText } from './support/documents';

/** The evidence must point at the text the value was read from. */
function evidence(text: string, field: Field): string {
  const page = text.split('\f')[field.page! - 1];
  return page.slice(field.start!, field.end!);
}

describe('type-specific fields', () => {
  it('reads number, date, total and vendor of an invoice, each with the span it came from', () => {
    const fields = extractFields('invoice', extractedText(invoiceText));

    expect(fields).toMatchObject({
      number: { value: 'NW-2024-117', page: 1 },
      issueDate: { value: '2024-03-14', page: 1 },
      dueDate: { value: '2024-03-28', page: 1 },
      currency: { value: 'EUR' },
      subtotal: { value: 'EUR 3610.50' },
      tax: { value: 'EUR 686.00' },
      total: { value: 'EUR 4296.50', page: 1, confidence: 0.95 },
      iban: { value: 'DE89370400440532013000' },
      customer: { value: 'Fabrikam Ltd' },
      vendor: { value: 'Northwind Consulting GmbH', page: 1 },
    });
    expect(evidence(invoiceText, fields.number)).toBe('NW-2024-117');
    expect(evidence(invoiceText, fields.issueDate)).toBe('14.03.2024');
    expect(evidence(invoiceText, fields.total)).toBe('EUR 4,296.50');
    expect(evidence(invoiceText, fields.vendor)).toBe('Northwind Consulting GmbH');
  });

  it('prefers extraction’s entities (with their offsets) over its own patterns', () => {
    const document = extractedText(invoiceText);
    const start = invoiceText.indexOf('NW-2024-117');
    document.entities = [{ kind: 'invoice-number', text: 'NW-2024-117', value: 'NW2024117', page: 1, start, end: start + 11 }];
    expect(extractFields('invoice', document).number).toEqual({ value: 'NW2024117', page: 1, start, end: start + 11, confidence: 0.85 });
  });

  it('reads the parties, dates and term of a contract', () => {
    const fields = extractFields('contract', extractedText(contractText));

    expect(fields.parties.value).toBe('Acme Robotics Ltd; Jane Doe');
    expect(fields.effectiveDate).toMatchObject({ value: '2024-04-01' });
    expect(evidence(contractText, fields.effectiveDate)).toBe('1 April 2024');
    expect(fields.endDate).toMatchObject({ value: '2025-03-31' });
    expect(fields.term.value).toBe('twelve (12) months');
  });

  it('reads the IBAN printed after its label, spaced after the country or failing the checksum, surer when valid', () => {
    const spaced = extractFields('invoice', extractedText('Rechnung Nr. 7\nBIC: KREDBEBB - IBAN: BE 41 7360 0661 9710 BIC GEBABEBB'));
    expect(spaced.iban).toMatchObject({ value: 'BE41736006619710', confidence: 0.9 });
    const sample = extractFields('invoice', extractedText('Rechnung Nr. 7\nIBAN : DE12123456781234567890'));
    expect(sample.iban).toMatchObject({ value: 'DE12123456781234567890', confidence: 0.6 });
  });

  it('reads a subtotal labelled as the sum without tax', () => {
    const text = 'Rechnung Nr. 7\nRechnungssumme ohne USt. 473,00\nSteuerbetrag 56,87\nZahlbetrag 529,87 EUR';
    expect(extractFields('invoice', extractedText(text)).subtotal).toMatchObject({ value: 'EUR 473.00', confidence: 0.95 });
  });

  it('takes the tax that adds up with the subtotal to the total, not the last rate line nor a tax base', () => {
    const text = [
      'Facture FA-12',
      'TVA 20,00 % 81,90 € 16,38 €',
      'TVA 5,5 % 543,00 € 29,87 €',
      'Total HT 624,90 €',
      'Total taxes 46,25 €',
      'Montant hors TVA soumis à TVA 624,90 €',
      'Net à payer 671,15 €',
    ].join('\n');
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.tax).toMatchObject({ value: 'EUR 46.25', confidence: 0.95 });
    expect(fields.subtotal).toMatchObject({ value: 'EUR 624.90' });
  });

  it('reads the vendor under its label when the name holds a label word, never its street, and ends it at its legal form', () => {
    const labelled = ['Rechnung Nr. 471102', 'Verkäufer:', 'Nummer : 549910', 'Lieferant GmbH', 'Lieferantenstraße 20', 'DE 80333 München'];
    expect(extractFields('invoice', extractedText(labelled.join('\n'))).vendor).toMatchObject({ value: 'Lieferant GmbH' });
    const footer = [
      'Receipt # No.: 9876',
      'Sold To Wingtip Toys',
      '554 Magnolia Way',
      'Walnut, WY, 98432',
      'ID#: 5554443',
      'Training Date Description Price Discount Line Total',
      '12/5/2020 Manager Training $3,500 - $3,500',
      'Thank you for your business!',
      'Contoso, Ltd. Project Statement',
    ];
    expect(extractFields('invoice', extractedText(footer.join('\n'))).vendor).toMatchObject({ value: 'Contoso, Ltd' });
  });

  it('reads the seller below a pair of column headers it shares with the customer', () => {
    const text = ['FACTURE N° :', 'SELLER TRADE NAME Adresse du Client', 'LE FOURNISSEUR', "35 rue d'ici", 'EMAIL : moi@seller.com'];
    expect(extractFields('invoice', extractedText(text.join('\n'))).vendor).toMatchObject({ value: 'LE FOURNISSEUR' });
  });

  it('reads an Italian invoice by its labels', () => {
    const text = [
      'Rossi Forniture S.r.l.',
      'Fornitore: Rossi Forniture S.r.l.',
      'Spett.le Bianchi SpA',
      'Fattura n. 2024/117',
      'Data fattura: 12/03/2024',
      'Scadenza: 11/04/2024',
      'Imponibile 1.000,00 €',
      'IVA 22% 220,00 €',
      'Totale a pagare 1.220,00 €',
    ].join('\n');
    expect(extractFields('invoice', extractedText(text))).toMatchObject({
      vendor: { value: 'Rossi Forniture S.r.l' },
      number: { value: '2024/117' },
      issueDate: { value: '2024-03-12' },
      dueDate: { value: '2024-04-11' },
      subtotal: { value: 'EUR 1000.00' },
      tax: { value: 'EUR 220.00' },
      total: { value: 'EUR 1220.00', confidence: 0.95 },
    });
  });

  it('reads the vendor’s VAT number, not the customer’s', () => {
    const text = ['Au bon moulin', 'TVA : FR11999999998 - SIRET : 99999999800010', 'Facture FA-2017-0010', 'N° TVA client FR19787878784'];
    expect(extractFields('invoice', extractedText(text.join('\n'))).vendorVatId).toMatchObject({ value: 'FR11999999998' });
    const german = [
      'Rechnung Nr. 7',
      'Rechnungsempfänger:',
      'Kunden AG',
      'USt-IdNr.: DE 987 654 321',
      'Gesamtbetrag 119,00 EUR',
      'Zahlbar bis 01.04.2024',
      'Lieferant GmbH · Sitz München · USt-IdNr.: DE123456789',
    ];
    expect(extractFields('invoice', extractedText(german.join('\n'))).vendorVatId).toMatchObject({ value: 'DE123456789' });
  });

  it('finds fields on the page they are on', () => {
    const text = `Acme Supplies\nINVOICE\f\nInvoice number: AC-991\nTotal due: $1,250.00`;
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.number).toMatchObject({ value: 'AC-991', page: 2 });
    expect(fields.total).toMatchObject({ value: 'USD 1250.00', page: 2 });
    expect(evidence(text, fields.total)).toBe('$1,250.00');
  });

  it('reads a page written as Markdown: a heading’s title, a table’s labels and amounts, the offsets those of the page text', () => {
    const text = [
      '## Acme Supplies GmbH',
      '',
      '## Invoice INV-2024-0042',
      '',
      '| Description | Amount |',
      '| --- | --- |',
      '| Consulting | EUR 1,000.00 |',
      '| Total due | EUR 1,190.00 |',
    ].join('\n');
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.vendor).toMatchObject({ value: 'Acme Supplies GmbH' });
    expect(fields.number).toMatchObject({ value: 'INV-2024-0042' });
    expect(fields.total).toMatchObject({ value: 'EUR 1190.00' });
    expect(evidence(text, fields.vendor)).toBe('Acme Supplies GmbH');
    expect(evidence(text, fields.total)).toBe('EUR 1,190.00');
  });

  it('takes no item amount below a table header and no tax total for the total', () => {
    const text = [
      'Rechnung RE1001',
      'Pos. Bezeichnung Menge Preis Gesamt €',
      '1 Suite Enterprise 1,00 84,95 84,95',
      'Nettobetrag: 496,00 €',
      'USt. Gesamt: 75,04 €',
      'Endsumme 571,04 €',
    ].join('\n');
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.total).toMatchObject({ value: 'EUR 571.04', confidence: 0.95 });
    expect(evidence(text, fields.total)).toBe('571,04 €');
  });

  it('reads a value in its label’s place in a row of values below a row of labels', () => {
    const text = [
      'Invoice VT/2022/0001',
      'Invoice Date: Due Date: Incoterm:',
      '21/09/2022 21/10/2022 DAP',
      'Subtotal Descuento I.V.A Total',
      '21.00',
      '14,049.59 0,00 2,950.41 17,000.00',
      'Please remit until 2022-11-30.',
    ].join('\n');
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.issueDate?.value).toBe('2022-09-21');
    expect(fields.dueDate?.value).toBe('2022-10-21');
    expect(fields.total?.value).toBe('17000.00');
    const perRate = 'Nettobetrag MwSt-Betrag Endbetrag\n321,40 61,07 382,47\n127,59 8,93 136,52\n448,99 70,00 518,99';
    expect(extractFields('invoice', extractedText(perRate)).total?.value).toBe('518.99');
    const receipt = 'TOTAL SALES (EXCLUDING GST) :\n51.42\nTOTAL SALES (INCLUSIVE OF GST)\n54.50';
    expect(extractFields('receipt', extractedText(receipt)).total?.value).toBe('54.50');
    expect(extractFields('invoice', extractedText('Invoice 7\nTotal: see below\nPlease remit until 2022-11-30.')).dueDate?.value).toBe(
      '2022-11-30',
    );
  });

  it('reads the vendor from a block below its label, past the next label and the block’s heading', () => {
    const dutch = 'Leverancier Debiteurennummer:\nFactuurnummer: INV12345\nCrediteur\nLev Erancier Inc\nMainSt';
    expect(extractFields('invoice', extractedText(dutch)).vendor?.value).toBe('Lev Erancier Inc');
    const german = 'Verkäufer\nNummer: 549910\nName:\nMVM Musterhafter\nVersicherungsverein Musterstadt a.G.\nMusterstr. 1';
    const vendor = extractFields('invoice', extractedText(german)).vendor!;
    expect(vendor.value).toBe('MVM Musterhafter Versicherungsverein Musterstadt a.G.');
    expect(evidence(german, vendor)).toBe('MVM Musterhafter\nVersicherungsverein Musterstadt a.G.');
  });

  it('reads name, e-mail and phone of a resume, and sender and recipient of a letter', () => {
    const resume = 'Maria Lopez\nmaria.lopez@example.com | +34 612 345 678\n\nExperience\n2019–2024 Nurse, Hospital del Mar';
    expect(extractFields('resume', extractedText(resume))).toMatchObject({
      name: { value: 'Maria Lopez' },
      email: { value: 'maria.lopez@example.com' },
      phone: { value: '+34612345678' },
    });
    const letter = '3 June 2024\n\nDear Ms Patel,\n\nThank you for your visit.\n\nYours sincerely,\n\nJohn Smith';
    expect(extractFields('letter', extractedText(letter))).toMatchObject({
      recipient: { value: 'Ms Patel' },
      sender: { value: 'John Smith' },
      date: { value: '2024-06-03' },
    });
  });

  it('takes the issuer beside its legal identity, not the customer printed above it (OCA/edi test invoices)', () => {
    // Akretion France's invoice: the customer's address first, the issuer's block with its VAT number at the foot.
    const akretion =
      "Invoice VT/2022/0001\n\nCabinet CACtus\n42 rue de l'audit\n69100 Villeurbanne\nFrance\n\nInvoice Date:\n21/09/2022\n\n" +
      'Total 1,810.80 €\n\nAkretion France\n27 rue Henri Rolland\n69100 Villeurbanne\nFrance\n\n' +
      'contact@akretion.com https://www.akretion.com VAT: FR86792377731\n';
    expect(extractFields('invoice', extractedText(akretion)).vendor.value).toBe('Akretion France');
    // Bouygues Telecom's bill: the customer's company at the top, the issuer in the legal line at the foot.
    const bouygues =
      'Date de facture : 02/11/2019\nN° de facture : 11608848301659\n\nN° de compte client : 1.40660897\nALEXINUX SARL\n' +
      '35 B RUE MONTGOLFIER\n69100 VILLEURBANNE\n\nBOUYGUES TELECOM - Société Anonyme au capital de 712 588 399,56 € - ' +
      'Siège social : 37-39, rue Boissière - 75116 PARIS - 397 480 930 R.C.S. PARIS - FR 74 397 480 930\n';
    const fields = extractFields('invoice', extractedText(bouygues));
    expect(fields.vendor.value).toBe('BOUYGUES TELECOM');
    expect(evidence(bouygues, fields.vendor)).toBe('BOUYGUES TELECOM');
  });

  it('takes the name its own e-mail or web domain spells when no label or legal identity names the issuer', () => {
    // Akretion France's invoice (OCA/edi) with its footer's VAT number left out: the domain still names the issuer.
    const text =
      "Invoice VT/2022/0001\n\nCabinet CACtus\n42 rue de l'audit\n69100 Villeurbanne\n\nAkretion France\n27 rue Henri Rolland\n" +
      '69100 Villeurbanne\n\ncontact@akretion.com https://www.akretion.com\n';
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.vendor.value).toBe('Akretion France');
    expect(evidence(text, fields.vendor)).toBe('Akretion France');
    // A free mail provider's domain names no one: `Gmail` is not the issuer of `Jane Doe <jane@gmail.com>`.
    const free = 'Invoice 12\n\nJane Doe Design\nGmail Ventures\njane@gmail.com\n';
    expect(extractFields('invoice', extractedText(free)).vendor.value).toBe('Jane Doe Design');
  });

  it('takes what is left to pay after a deposit for the total (Factur-X sample Facture_FR_BASIC, Au bon moulin)', () => {
    const text =
      'Facture FA-2017-0010\n\nRèglement Date Montant\n\nVirement 05/11/2017 201,00 €\n\nTotal HT 624,90 €\nTaxes 46,25 €\n' +
      'Total TTC 671,15 €\nSolde à payer 470,15 €\n\nNotes Franco de port (commande > 300 € HT)\n';
    expect(extractFields('invoice', extractedText(text)).total.value).toBe('EUR 470.15');
  });

  it('reads a paid receipt e-mail: no sender address for the merchant, no zero balance for the total (Azure receipt sample)', () => {
    // Azure Document Intelligence's receipt-invoice-like.png as OCR reads it.
    const text =
      'From: noreply@contoso.com\nSent: Monday, January 8, 2024 05:55 PM\nSubject: Contoso Receipt\n\nContoso\n3050 Old Centre Road,\n' +
      'Los Angeles, CA 90018\nThank you for your purchase! Your receipt details are\nincluded below.\nReceipt Number 334567\n' +
      'EC Membership Fee $120.00 1 $120.00\nTotal Charges $710.00\nPayment $710.00\nBalance due $0.00\n';
    const fields = extractFields('receipt', extractedText(text));
    expect(fields.merchant.value).toBe('Contoso');
    expect(fields.total.value).toBe('USD 710.00');
  });

  it('takes no referenced invoice’s date or service period’s start for the issue date (Factur-X sample F20180027)', () => {
    const text =
      'FACTURE N° :\nDate :\n\nN° DE FACTURE ASSOCIÉE : F20180003 DATE DE LIVRAISON : 20181230\n' +
      'DATE DE FACTURE ASSOCIÉE : 30/11/2018 N° BON DE RECEPTION : RECEIV-ADV002\nDATE DE DEBUT DE PRESTATION : 01/12/2018\n' +
      "DATE DE FIN DE PRESTATION : 31/12/2018 DEVISE : EURO (EUR)\n\nDate d'échéance : 30/01/2019\n\nF20180027\n31/12/2018\n";
    expect(extractFields('invoice', extractedText(text)).issueDate.value).toBe('2018-12-31');
  });

  it('takes no date after `Fecha de Vto.` (a due date or an authorisation code’s expiry) for the issue date (AFIP invoice)', () => {
    const text =
      'Fecha de Emisión:\n\nESCOBAR LUIS RAMON\n\nCondición frente al IVA:\n\n18/02/2023\n\n' +
      'Importe Total: $ 178000,00\n\nCAE N°: 73074974187800\nFecha de Vto. de CAE: 28/02/2023\n';
    expect(extractFields('invoice', extractedText(text)).issueDate.value).toBe('2023-02-18');
  });

  it('reads the currency a label states or a column header prints when the amounts are bare (ZUGFeRD corpus)', () => {
    // EN16931_Einfach's visualisation: the currency stated once, every amount bare.
    const stated = 'Handelsrechnung (380) Nr. 471102 vom 05.03.2018\nWährung: EUR\n\nGesamtbetrag 529,87\nFällig 473,00\n';
    const fields = extractFields('invoice', extractedText(stated));
    expect(fields.currency).toMatchObject({ value: 'EUR', confidence: 0.85 });
    expect(evidence(stated, fields.currency)).toBe('EUR');
    expect(fields.total.value).toBe('EUR 529.87');
    // acme_invoice-42: the euro sign in the item table's headers only.
    const headers = 'Rechnung Nr. 42\nNr. Bezeichnung Menge Einzel/€ Gesamt/€\n1 Schrauben 10 1,00 10,00\nGesamtbetrag 11,90\n';
    expect(extractFields('invoice', extractedText(headers)).currency.value).toBe('EUR');
  });

  it('reads a total printed without cents after its label, never a count', () => {
    const fields = (text: string) => extractFields('invoice', extractedText(text));
    expect(fields('Shop X\nFactura N° 12\nFecha: 2024-10-16\nTOTAL GENERAL: 39721600').total).toMatchObject({ value: '39721600.00' });
    expect(fields('Facture 12\nTotal: MAD20000.0').total.value).toBe('20000.00');
    expect(fields('Invoice 12\nTotal items: 3\nTotal $45.00').total.value).toBe('USD 45.00');
  });

  it('never reads an identifier ending a line that names the amount due as the total', () => {
    const text = [
      'Das Company',
      'Invoice 7',
      'TAX: % Base amount: Tax amount: Total: Curr.:',
      'VAT 21.00 522.31 109.69 632.00 EUR',
      'Please wire the amount due to our bank account using the following reference: 000000001',
    ].join('\n');
    expect(extractFields('invoice', extractedText(text)).total.value).toBe('EUR 632.00');
    expect(extractFields('invoice', extractedText('Invoice 8\nAmount due 540\nCustomer number 4711')).total.value).toBe('540.00');
  });

  it('reads the French dotted abbreviations H.T., T.V.A. and T.T.C., and Spanish totals', () => {
    const text = 'Atelier Rive SAS\nFACTURE\nTotal H.T. : 50,00 €\nT.V.A. : 10,00 €\nT.T.C. : 60,00 €';
    expect(extractFields('invoice', extractedText(text))).toMatchObject({
      subtotal: { value: 'EUR 50.00' },
      tax: { value: 'EUR 10.00' },
      total: { value: 'EUR 60.00' },
    });
    expect(extractFields('invoice', extractedText('FACTURA 7\nTotales 954.00 12680.00')).total.value).toBe('12680.00');
  });

  it('reads the issuer left of a customer label that closes its line, and no amount line as a name', () => {
    const text =
      'Invoice\nInvoice Number 55\nIssue Date March 3, 2022\n\nBluebird Design LLC Bill To\n12 Harbour Road Customer Co\n' +
      'Boston, MA 02110 Address\n\nSubtotal $40.00\nTax $5.00\nAmount Due $45.00';
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.vendor).toMatchObject({ value: 'Bluebird Design LLC', confidence: 0.6 });
    expect(evidence(text, fields.vendor)).toBe('Bluebird Design LLC');
    expect(extractFields('invoice', extractedText('Invoice 12\nSubtotal $40.00\nAmount Due $45.00')).vendor).toBeUndefined();
  });

  it('reads a party label’s block only up to the other party’s label', () => {
    const text = 'FACTURA\nEmisor\nFERRETERIA LOPEZ S.A.\nCalle Mayor 3\nReceptor\nNombre: Ana Pérez\nFecha: 01/02/2023';
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.vendor.value).toBe('FERRETERIA LOPEZ S.A');
    expect(fields.customer.value).toBe('Ana Pérez');
  });

  it('reads the number in its label’s place below a row of column labels', () => {
    const german = 'Max Beispiel\nBeispielweg 4\nRechnungsnummer Rechnungsdatum\n20190311-2 14. 11. 2018\nGesamtsumme 84,00 €';
    const fields = extractFields('invoice', extractedText(german));
    expect(fields).toMatchObject({ number: { value: '20190311-2', confidence: 0.6 }, issueDate: { value: '2018-11-14' } });
    expect(evidence(german, fields.number)).toBe('20190311-2');
    const french = 'Atelier Rive SAS\nFACTURE\ndate facture n° client n°\n12/03/2020 881 14\nTotal TTC 60,00 €';
    expect(extractFields('invoice', extractedText(french)).number.value).toBe('881');
  });

  it('reads the number after a bare number word opening a header line, not a street number', () => {
    const fields = (text: string) => extractFields('invoice', extractedText(text));
    expect(fields('Ferretería López S.L.\nNº: 0001-00000123\nFecha: 15/02/2023').number).toMatchObject({
      value: '0001-00000123',
      confidence: 0.6,
    });
    expect(fields('FACTURA\nNúmero: 3366445588 Fecha: 01/01/2024').number.value).toBe('3366445588');
    expect(fields('Acme Ltd\nNo. 5 Main Street\nInvoice').number).toBeUndefined();
  });

  it('reads the number from a column of values printed apart from its column of labels, only when one id stands above a lone date', () => {
    const text = 'FACTURE N° :\nDate :\n\nLE FOURNISSEUR\n35 rue d’ici\n\nNOM & DESIGNATION\n\nF20180027\n31/12/2018\n\nTOTAL TTC 110,00 €';
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.number).toMatchObject({ value: 'F20180027', confidence: 0.4 });
    expect(evidence(text, fields.number)).toBe('F20180027');
    const twoPairs = 'FACTURE N° :\nDate :\n\nF20180027\n31/12/2018\n\nBL-0042\n30/12/2018';
    expect(extractFields('invoice', extractedText(twoPairs)).number).toBeUndefined();
    const noLabel = 'FACTURE\nDate :\n\nLE FOURNISSEUR\n\nREF-77\n31/12/2018';
    expect(extractFields('invoice', extractedText(noLabel)).number).toBeUndefined();
  });

  it('reads the issuer as the holder of the account to pay into when no company name is printed', () => {
    const vendor = (text: string) => extractFields('invoice', extractedText(text)).vendor;
    const german =
      'Max Mustermann\nWeg 2\n54321 Köln\n\nRechnung\n\nBetrag 119,00 €\n\nBankverbindung: Sparkasse\nKontoinhaber: Schreinerei Holzwurm';
    expect(vendor(german)).toMatchObject({ value: 'Schreinerei Holzwurm', confidence: 0.7 });
    expect(evidence(german, vendor(german))).toBe('Schreinerei Holzwurm');
    const dutch =
      'Jan Jansen\nDorpsstraat 1\n1234 AB Utrecht\n\nFactuur\n\nTotaal 60,50\n\nGraag betalen op NL91 ABNA 0417 1643 00 t.n.v. De Bakkerij te Utrecht';
    expect(vendor(dutch).value).toBe('De Bakkerij');
    const french = 'Pierre Dupont\n1 rue de Paris\n75001 Paris\n\nFacture\n\nTotal 80,00 €\n\nTitulaire du compte :\nAtelier Martin';
    expect(vendor(french).value).toBe('Atelier Martin');
    // A company named at the top wins over its owner holding the account.
    expect(vendor('Bei Spiel GmbH\nEcke 12\n\nRechnung\n\nKontoinhaber: Max Mustermann').value).toBe('Bei Spiel GmbH');
  });

  it('reads a sender line with its label or with bullets, and the window address only down to its town', () => {
    const vendor = (text: string) => extractFields('invoice', extractedText(text)).vendor.value;
    expect(vendor('Abs.: Müller Bau GmbH, Hauptstraße 1, 12345 Berlin\nHerrn Max Mustermann\nRechnung')).toBe('Müller Bau GmbH');
    const letterhead =
      'Rechnung # RE-1\nPos. 1 Beratung 100,00 €\nGesamtbetrag: 100,00 €\nSeite 1/1\nAtelier Blau ● Ecke 12 ● 12345 Stadthausen\n' +
      '## Theodor Est\nBahnstr. 42\n88802 Spielkreis\nAtelier Blau GmbH\nEcke 12\n12345 Stadthausen';
    const fields = extractFields('invoice', extractedText(letterhead));
    expect(fields.customer.value).toBe('Theodor Est');
    expect(fields.vendor.value).toBe('Atelier Blau');
  });

  it('reads a receipt’s merchant past a DUPLIKAT heading, by its legal form or the UID number it prints', () => {
    const receipt =
      '## DUPLIKAT\nEUR\n0,25 A\n2,99 B\n1,49 B\n0,49 B\n1,99 B\nREWE Markt oHG\nMuster-Str. 1\n12345 Musterstadt\nUID Nr.: DE123456789\nSUMME EUR 7,21';
    expect(extractFields('receipt', extractedText(receipt)).merchant.value).toBe('REWE Markt oHG');
  });

  it('reads the letterhead’s name beside a title at the other margin, not a title’s qualifier or a slogan below the name', () => {
    const vendor = (text: string) => extractFields('invoice', extractedText(text)).vendor?.value;
    expect(vendor('Brightline Studio INVOICE\nBill To:\nJane Doe\nTotal $40.00')).toBe('Brightline Studio');
    expect(vendor('Müller GmbH Proforma-Rechnung\nRechnungsnummer 12\nSumme 10,00 €')).toBe('Müller GmbH');
    expect(vendor('SIMPLIFIED TAX INVOICE\nKedai Runcit Ali\nTOTAL 12.00')).toBe('Kedai Runcit Ali');
    expect(vendor('## NEXGEN\n\nInnovation drives progress INVOICE\nCustomer: White Triangle')).toBe('NEXGEN');
    expect(vendor('Remito Nro: 1844\nno valido como factura\nTienda Sol\nTotal $7.150')).toBe('Tienda Sol');
  });

  it('never takes the addressee of a letter for its issuer: an address opening with a salutation is the customer’s', () => {
    const text = 'Herrn\nMax Mustermann\nWeg 2\n54321 Köln\n\nRechnung Nr. 17\nBetrag 119,00 €\n\nSchreinerei Holzwurm\nWerkstr. 1';
    expect(extractFields('invoice', extractedText(text)).vendor?.value).not.toBe('Max Mustermann');
    expect(extractFields('invoice', extractedText('Mevrouw M.S. Post\nFugastraat 10\n7534 GC Enschede\nfactuur')).vendor).toBeUndefined();
  });

  it('keeps a billing or delivery address block and a generator’s credit out of the issuer', () => {
    const vendor = (text: string) => extractFields('invoice', extractedText(text)).vendor?.value;
    expect(vendor('Powered by InvoiceTool\nRechnungsadresse:\nBeta Handel\nWeg 2\n54321 Köln\n\nRechnung\nStudio Alpha')).toBe(
      'Studio Alpha',
    );
    expect(vendor('Auftragnehmer: Studio Nord\nAuftraggeber: Stadtwerke Süd GmbH')).toBe('Studio Nord');
  });

  it('reads the number printed above its label, the label as a caption', () => {
    const text = 'Atelier Rive\n\n2024-0042\nRechnungsnummer\n\n12.03.2024\nRechnungsdatum';
    const fields = extractFields('invoice', extractedText(text));
    expect(fields.number).toMatchObject({ value: '2024-0042', confidence: 0.5 });
    expect(evidence(text, fields.number)).toBe('2024-0042');
  });

  it('reads a party written surname first (`Smith, John`) whole, and still cuts a sender line at its separators', () => {
    const parties = (text: string) => {
      const fields = extractFields('invoice', extractedText(text));
      return [fields.vendor?.value, fields.customer?.value];
    };
    expect(parties('From: Dubois, Marie\nBill To:\nSmith, John\n429 Seventh Av.\nTotal $40.00')).toEqual(['Dubois, Marie', 'Smith, John']);
    expect(parties('Acme Ltd\nCliente: López, Ana · Calle Mayor 10\nTotal 12,10 €')[1]).toBe('López, Ana');
    expect(parties('Müller, Hans · Hauptstr. 1 · 12345 Berlin\nFrau\nEva Roth\nWeg 2\n54321 Köln\nRechnung Nr. 4')).toEqual([
      'Müller, Hans',
      'Eva Roth',
    ]);
    expect(parties('Customer: Fabrikam, Hauptstr. 1, 12345 Berlin\nTotal 10,00 €')[1]).toBe('Fabrikam');
  });

  it('reads the customer after Dutch, French, German, Spanish and English address labels, a short one only with its colon', () => {
    const customer = (text: string) => extractFields('invoice', extractedText(text)).customer?.value;
    expect(customer('Bakkerij de Vries B.V.\nAan: Jansen, Piet\nTotaal € 27,25')).toBe('Jansen, Piet');
    expect(customer('Atelier Bleu\nFacturé à :\nDurand, Paul\nTotal TTC : 300,00 €')).toBe('Durand, Paul');
    expect(customer('Das Company\nTo:\nSteel, Laura\n429 Seventh Av.')).toBe('Steel, Laura');
    expect(customer('Studio Nord\nAn: Stadtwerke Süd GmbH\nSumme 10,00 €')).toBe('Stadtwerke Süd GmbH');
    expect(customer('Talleres Ruiz\nPara: Construcciones Gil\nTotal 1.452,00 €')).toBe('Construcciones Gil');
    expect(customer('Au bon moulin SARL\nFacture à régler par virement sur le compte suivant :\nIBAN : FR20')).toBeUndefined();
    expect(customer('Acme Ltd\nTo be paid within 30 days\nTotal $40.00')).toBeUndefined();
  });

  it('reads the name below a salutation standing on its own line, never the salutation', () => {
    const customer = (text: string) => extractFields('invoice', extractedText(text)).customer?.value;
    expect(customer('Müller Elektro GmbH · Hauptstraße 5 · 80331 München\nHerrn\nHans Schmidt\nGartenweg 3\n12345 Berlin')).toBe(
      'Hans Schmidt',
    );
    expect(customer('Max Mustermann Webdesign · Musterweg 1 · 10115 Berlin\nFirma\nBeispiel GmbH\nBeispielstr. 2')).toBe('Beispiel GmbH');
  });

  it('reads an invoice’s document number as its number when no invoice-number label names one', () => {
    const number = (text: string) => extractFields('invoice', extractedText(text)).number?.value;
    expect(number('Acme Ltd\nDocument No.: INV-9\nTotal 10.00 EUR')).toBe('INV-9');
    expect(number('Rossi Srl\nNumero documento: 2024/45\nTotale 10,00 €')).toBe('2024/45');
    expect(number('Acme SL\nNúmero de documento: A-12\nFactura nº 7')).toBe('7');
    expect(number('Acme Ltd\nDocument date 12.03.2024')).toBeUndefined();
  });

  it('reads the issuer after Spanish, French, German, Dutch and Italian issued-by labels, a short one only before a name', () => {
    const vendor = (text: string) => extractFields('invoice', extractedText(text)).vendor?.value;
    expect(vendor('Emitido por: Servicios Web SL\nFactura nº 12')).toBe('Servicios Web SL');
    expect(vendor('Facture n° 12\nÉmis par : Atelier Bleu\nTotal TTC 10,00 €')).toBe('Atelier Bleu');
    expect(vendor('Van: Bakkerij Jansen\nFactuur 12')).toBe('Bakkerij Jansen');
    expect(vendor('De: Juan Pérez\nFactura nº 12')).toBe('Juan Pérez');
    expect(vendor('Von: 01.01.2024 Bis: 31.01.2024\nAcme GmbH\nRechnung 12')).toBe('Acme GmbH');
  });

  it('takes no footer block’s heading for the issuer beside its tax number (LaTeX-Rechnung’s Steuerinformationen)', () => {
    const text = 'Obelix GmbH & Co. KG\nAm Steinbruch 1\n\nRechnung\nSumme Brutto 100,00 €\n\nSteuerinformationen\nUSt-IdNr.: DE918273645';
    expect(extractFields('invoice', extractedText(text)).vendor?.value).toBe('Obelix GmbH & Co. KG');
  });

  it('has no fields for other', () => {
    expect(extractFields('other', extractedText(invoiceText))).toEqual({});
  });
});
