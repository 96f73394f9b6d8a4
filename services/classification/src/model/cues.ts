/**
 * Words that name or mark a type, in English, German, French, Dutch and Spanish. The model learns one weight per
 * type's cue count (`k:invoice=3-5`), so what it learns from German and French invoices also holds for a Dutch or
 * Spanish one it never saw: the words differ, the cue feature is the same.
 */
const cues: Record<string, Record<'en' | 'de' | 'fr' | 'nl' | 'es', string>> = {
  invoice: {
    en: 'invoice|invoice number|invoice date|invoice no|amount due|due date|bill to|vat|tax id|payment terms',
    de: 'rechnung|rechnungsnummer|rechnungsdatum|rechnungs-nr|fällig|zahlbar|mwst|ust-idnr|umsatzsteuer',
    fr: 'facture|numéro de facture|date de facture|échéance|tva|montant ht|total ttc|total ht',
    nl: 'factuur|factuurnummer|factuurdatum|vervaldatum|btw|btw-nummer|te betalen|excl. btw|incl. btw',
    es: 'factura|número de factura|fecha de factura|vencimiento|iva|base imponible|nif|cif|cuit',
  },
  // What a till prints: the sale's words and the card terminal's slip (contactless, approved, girocard).
  receipt: {
    en: 'receipt|cash|change|visa|mastercard|thank you|cashier|qty|rounding|tendered|contactless|approved|auth code|come again|thank you for shopping',
    de: 'kassenbon|quittung|beleg|kundenbeleg|bon|bar|rückgeld|wechselgeld|kasse|gegeben|ec-karte|girocard|kartenzahlung|kontaktlos|zahlung erfolgt|vielen dank für ihren einkauf',
    fr: 'reçu|ticket|ticket de caisse|espèces|rendu|monnaie rendue|caisse|carte bancaire|sans contact|merci de votre visite',
    nl: 'kassabon|bon|contant|wisselgeld|pinnen|pinbetaling|contactloos|kassa|bedankt voor uw bezoek',
    es: 'recibo|ticket|efectivo|cambio|tarjeta|caja|entregado|sin contacto|gracias por su compra',
  },
  contract: {
    en: 'agreement|contract|hereby|party|parties|shall|termination|governing law|whereas|indemnify|liability|in witness whereof|effective date',
    de: 'vertrag|vereinbarung|vertragsparteien|kündigung|laufzeit|haftung|gerichtsstand',
    fr: 'contrat|les parties|résiliation|durée du contrat|responsabilité|en foi de quoi',
    nl: 'overeenkomst|partijen|opzegging|looptijd|aansprakelijkheid|ondergetekenden',
    es: 'contrato|las partes|rescisión|vigencia|responsabilidad|cláusula',
  },
  letter: {
    en: 'dear|sincerely|yours faithfully|yours truly|kind regards|best regards',
    de: 'sehr geehrte|sehr geehrter|mit freundlichen grüßen|betreff|ihr schreiben',
    fr: 'madame|monsieur|cordialement|veuillez agréer|objet|nous vous prions',
    nl: 'geachte|met vriendelijke groet|hoogachtend|betreft|retouradres|uw brief',
    es: 'estimado|estimada|atentamente|saludos cordiales|asunto|muy señor',
  },
  resume: {
    en: 'curriculum vitae|resume|résumé|cv|work experience|experience|education|skills|languages|references|employment',
    de: 'lebenslauf|berufserfahrung|ausbildung|kenntnisse|sprachen|werdegang',
    fr: 'expérience professionnelle|expériences|formation|compétences|langues|centres d intérêt',
    nl: 'werkervaring|opleiding|vaardigheden|talen|nevenactiviteiten',
    es: 'experiencia|formación|educación|habilidades|idiomas|experiencia laboral',
  },
  report: {
    en: 'report|summary|findings|conclusion|recommendations|table|figure|fiscal year|percent',
    de: 'bericht|zusammenfassung|ergebnisse|tabelle|abbildung',
    fr: 'rapport|synthèse|résultats|tableau|figure',
    nl: 'verslag|rapport|samenvatting|conclusie|tabel|aanbevelingen',
    es: 'informe|resumen|resultados|conclusiones|tabla|cuadro',
  },
  form: {
    en: 'form|please complete|signature|date of birth|check one|applicant|fill in|print clearly',
    de: 'formular|antrag|unterschrift|geburtsdatum|antragsteller|bitte ausfüllen',
    fr: 'formulaire|signature|date de naissance|demandeur|à remplir',
    nl: 'formulier|aanvraag|handtekening|geboortedatum|aanvrager|invullen',
    es: 'formulario|solicitud|firma|fecha de nacimiento|solicitante|rellenar',
  },
};

/** Lower-cased words and single spaces, framed by spaces so every cue matches whole words only (`Kasse:3` and `Nr.:` too). */
const framed = (text: string) =>
  ` ${text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')} `;

const patterns = Object.entries(cues).map(([type, byLanguage]) => ({
  type,
  words: [...new Set(Object.values(byLanguage).flatMap((words) => words.split('|')))].map((word) => framed(word)),
}));

/** Per type: how many of its cue words the text has (binned), and whether one is in the first lines, where titles are. */
export function cueTokens(text: string): string[] {
  const body = framed(text);
  const head = framed(
    text
      .split('\n')
      .filter((line) => line.trim())
      .slice(0, 4)
      .join(' '),
  );
  return patterns.flatMap(({ type, words }) => {
    const found = words.filter((word) => body.includes(word)).length;
    return [`k:${type}=${bin(found)}`, ...(words.some((word) => head.includes(word)) ? [`k:${type}-head`] : [])];
  });
}

function bin(count: number): string {
  if (count === 0) return '0';
  if (count < 3) return '1-2';
  if (count < 6) return '3-5';
  return '6+';
}
