import { findEntities } from '../src/entities/find-entities';
import { validChecksum } from '../src/entities/ibans';
import { normaliseAmount } from '../src/entities/money';
import { detectLanguage } from '../src/language';

const found = (text: string, kind: string) =>
  findEntities(1, text)
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

  it('skips impossible dates', () => {
    expect(found('31.02.2024 and 2024-13-01', 'date')).toEqual([]);
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

  it('finds e-mail addresses, lower-cased', () => {
    expect(found('Write to Anna.Berg@Example.COM or billing@acme.co.uk.', 'email')).toEqual([
      'anna.berg@example.com',
      'billing@acme.co.uk',
    ]);
  });

  it('finds phone numbers but not dates or bare numbers', () => {
    expect(found('Call +49 30 1234567 or (030) 7654321; order 123456789 on 12.03.2024', 'phone')).toEqual(['+49301234567', '0307654321']);
  });

  it('finds IBANs that pass the mod-97 check, not look-alikes', () => {
    expect(found('IBAN: DE89 3704 0044 0532 0130 00, bad: DE89 3704 0044 0532 0130 01', 'iban')).toEqual(['DE89370400440532013000']);
    expect(validChecksum('GB82WEST12345698765432')).toBe(true);
  });

  it('finds invoice numbers after a label or with an invoice prefix', () => {
    expect(found('Invoice No. 2024-031\nRechnung Nr. 24-1187\nRef INV-2024-0042\nInvoice number: none', 'invoice-number')).toEqual([
      '2024-031',
      '24-1187',
      'INV-2024-0042',
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

describe('language', () => {
  it('tells English from German', () => {
    expect(detectLanguage('Please find attached the invoice for the consulting services we delivered in March.')).toBe('en');
    expect(detectLanguage('Bitte überweisen Sie den Rechnungsbetrag innerhalb von vierzehn Tagen auf unser Konto.')).toBe('de');
  });

  it('says nothing about text too short to tell', () => {
    expect(detectLanguage('INV-2024-001 EUR 12.00')).toBeNull();
  });
});
