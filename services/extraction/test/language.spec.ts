import { detectLanguage } from '../src/language';

describe('language', () => {
  it('tells English from German', () => {
    expect(detectLanguage('Please find attached the invoice for the consulting services we delivered in March.')).toBe('en');
    expect(detectLanguage('Bitte überweisen Sie den Rechnungsbetrag innerhalb von vierzehn Tagen auf unser Konto.')).toBe('de');
  });

  it('says nothing about text too short to tell', () => {
    expect(detectLanguage('INV-2024-001 EUR 12.00')).toBeNull();
  });
});
