import { cueTokens } from '../src/model/cues';

describe('cue words', () => {
  it('marks a Dutch invoice and a Spanish letter with the same features as an English one', () => {
    const dutch = cueTokens('FACTUUR\nFactuurnummer: 2024-017\nFactuurdatum: 3 maart 2024\nTotaal incl. BTW € 121,00');
    const english = cueTokens('INVOICE\nInvoice number: 2024-017\nInvoice date: 3 March 2024\nAmount due incl. VAT € 121.00');
    expect(dutch).toEqual(expect.arrayContaining(['k:invoice=3-5', 'k:invoice-head']));
    expect(english).toEqual(expect.arrayContaining(['k:invoice=3-5', 'k:invoice-head']));
    expect(cueTokens('Madrid, 2 de mayo de 2024\nEstimado Sr. García:\nle escribo por su pedido.\nAtentamente,\nAna')).toEqual(
      expect.arrayContaining(['k:letter=1-2', 'k:letter-head']),
    );
  });

  it('marks a German till receipt and its card slip as a receipt, labels with numbers included', () => {
    const receipt = cueTokens(
      'Bäckerei am Markt\nKassenbon\nSUMME EUR 11,00\nGegeben EUR 20,00\nRückgeld EUR 9,00\n* * Kundenbeleg * *\n' +
        'Kartenzahlung girocard\nZahlung erfolgt\nKasse:2 Beleg:1234',
    );
    expect(receipt).toEqual(expect.arrayContaining(['k:receipt=6+', 'k:invoice=0']));
  });

  it('matches whole words only', () => {
    // "verfügbar" holds "bar" (cash on a German receipt), "ivan" holds "iva": neither is a cue here.
    expect(cueTokens('Ivan ist verfügbar')).toEqual(expect.arrayContaining(['k:receipt=0', 'k:invoice=0']));
  });
});
