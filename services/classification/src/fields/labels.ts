/*
 * The labels invoices and receipts print beside their values, in English, German, French, Dutch and
 * Spanish. Best first where a list is given: the first label that finds a value wins.
 */

/** What is owed or paid in the end; never a net or pre-tax figure. */
export const TOTAL_LABELS = [
  /(?:\b(?:amount|balance|total)\s+(?:due|payable|to\s+pay|owing)|\bdue\s+payable|\bgrand\s+total|zahlbetrag|zu\s+zahlen|(?:rechnungs|gesamt|end|brutto)betrag|rechnungssumme|gesamtsumme|endsumme|net\s+[àa]\s+payer|total\s+[àa]\s+payer|(?:solde|reste|montant)\s+[àa]\s+payer|total\s+t\.?\s?t\.?\s?c\b\.?|^\s*t\.t\.c\.|total\s+[àa]\s+r[ée]gler|montant\s+[àa]\s+r[ée]gler|bruttosumme|summe\s+brutto|gesamt\s+brutto|invoice\s+total|totale\s+a\s+pagare|importo\s+(?:dovuto|da\s+pagare)|importe\s+a\s+pagar|total\s+a\s+abonar|openstaand\s+bedrag|montant\s+ttc|montant\s+total|montant\s+d[uû]|te\s+betalen|totaal\s+(?:te\s+betalen|incl)|totaalbedrag|eindtotaal|total\s+a\s+pagar|importe\s+total|total\s+factura|totale\s+(?:fattura|documento|da\s+pagare)|importo\s+totale|netto\s+a\s+pagare|total\s+(?:incl|inc|gross|brutto)|rounded\s+total|total\s+amount)(?!\s*(?:netto|net\b|excl|exkl|h\.?\s?t\b|hors|sin\s|before|zzgl))/i,
  // A tax's own total (`VAT total`, `USt. Gesamt`) is no total.
  /(?<!sub[\s-]?|zwischen|(?:vat|tax|gst|mwst|ust|tva|btw|iva)\.?\s?)(?:\bt[o0]ta[l1]|\btotaal|\bsumme|\bgesamt|\btotale|\btotales)\b(?!\s*(?:vat|tax|gst|net|netto|excl|h\.?\s?t\b|before|items|qty|quantity|pcs|pieces|units|st[üu]ck|articles?|artikel|aantal|anzahl|cantidad|qt[ée]|hours|stunden|heures|uren|horas|weight|gewicht|poids|mwst|ust|tva|btw|iva|rabatt|discount))(?![^\n]{0,30}?\b(?:excl|exkl|excluding|before\s+(?:tax|gst|vat)|hors\s+tax|ohne\s+(?:mwst|ust)|sin\s+iva))/i,
];

/** The amount before tax. */
export const SUBTOTAL_LABELS = [
  /\bsub[\s-]?total|\bnet\s+(?:amount|total)|(?:summe|betrag|total|amount|montant|importe|totale|totaal)\s+(?:ohne|exkl\.?|excl\.?|excluding|before|hors|sans|sin|senza|zonder|ex\.?)\s*(?:ust|mwst|vat|tax|taxes|tva|btw|iva|gst)\b|rechnungssumme\s+netto|taxable\s+amount|tax\s+basis|steuerbasis|imponibile|\btotal\s+(?:net|excl|before\s+tax|h\.?\s?t\b|hors\s+taxes?)|nettobetrag|netto(?:summe|betrag)?\b|summe\s+netto|gesamt(?:betrag|summe)?\s+netto|zwischensumme|montant\s+h\.?\s?t\b|total\s+h\.?\s?t\b|sous[\s-]total|subtotaal|totaal\s+excl|base\s+imponible/i,
  // The goods' value comes before a summary's surcharges and discounts (`Warenwert Zu-/Abschlag … Nettobetrag`): the net amount, where one is named, wins.
  /warenwert/i,
];

/** The tax amount (VAT, GST, sales tax) — not a VAT number, not a total that includes it. */
export const TAX_LABELS = [
  // A tax's own total wins over a rate's line (`USt 7% 9,06`, `Zuschlag Versandkosten 7 % USt 5,80` below the sums).
  /\b(?:total|summe|gesamt|totaal|montant\s+total)\s+(?:der\s+|de\s+la\s+|des\s+)?(?:vat|tax(?:es)?|gst|mwst|ust|umsatzsteuer|mehrwertsteuer|tva|btw|iva)\b(?!\.?\s*(?:-?id|no\b|nr\b|number|incl|inkl))|\b(?:vat|tax|gst|mwst|ust|tva|btw|iva)\.?[\s-]?(?:total|gesamt|summe|betrag|amount|totaal)\b|(?:mehrwert|umsatz)?steuerbetrag|\btax\s+amount|\bmontant\s+(?:de\s+la\s+)?tva|\bimporte\s+(?:del\s+)?iva|\bcuota\s+(?:de\s+)?iva|\bimposta\s+totale|\btotale\s+iva/i,
  /(?:\b(?:total|summe|gesamt|totaal|montant)\s+)?(?:\bvat\b|\btax(?:e|es)?\b|\bimposta\b|\bimpuestos?\b|\bgst\b|\bsales\s+tax|\bmwst|\bust\b|umsatzsteuer|mehrwertsteuer|steuerbetrag|\btva\b|\bt\.v\.a\.|\bbtw\b|\biva\b)(?!\.?\s*(?:-?id|no\b|nr\b|number|reg|identification|nummer|ident|incl|inkl))/i,
];
/** Any label of an invoice's summary (subtotal, tax, total): a row of them may stand above the row of their amounts. */
export const SUMMARY_LABEL = new RegExp(
  [...SUBTOTAL_LABELS, ...TAX_LABELS, ...TOTAL_LABELS].map((label) => `(?:${label.source})`).join('|'),
  'gi',
);
// A tax's base (`Montant hors TVA`, `Summe ohne USt.`) is no tax either.
export const NOT_A_TAX_LINE =
  /\b(?:incl|inkl|inclusive|including|ttc|t\.t\.c|grand\s+total|amount\s+due|zahlbetrag|zu\s+zahlen|te\s+betalen)\b|gesamtbetrag|rechnungsbetrag|net\s+[àa]\s+payer|\b(?:hors|ohne|excl\.?|excluding|before|sans|sin|zonder)\s+(?:tva|taxes?|ust|mwst|vat|iva|btw|gst)\b/i;

/** Where a document states the currency of all its amounts. */
export const CURRENCY_LABEL =
  /\b(?:w[äa]hrung|currency|devise|moneda|divisa|valuta|munt)\b\s*[:=]?\s*|\b(?:betr[äa]ge|amounts?|prices?|preise|montants?|prix|bedragen|importes?)\s+(?:in|en)\s+/i;

export const ISSUE_DATE_LABELS = [
  // The title line: "Rechnung Nr. 471102 vom 05.03.2018", "Invoice 17 of 3 May 2024", "Facture n° 12 du 02/07/2015".
  /(?:rechnung|invoice|facture|factura|factuur|gutschrift|avoir)\b.*?\b(?:vom|von|du|of|van|dated|del?|issued\s+(?:at|on))\b|\b(?:invoice|issue|issued|billing|document|bill|receipt)\s+date\b|\bdate\s+of\s+(?:invoice|issue)\b|rechnungsdatum|belegdatum|ausstellungsdatum|leistungsdatum|date\s+de\s+(?:la\s+)?facture|date\s+d['’][ée]mission|factuurdatum|fecha\s+(?:de\s+)?(?:la\s+)?(?:factura|emisi[oó]n|expedici[oó]n)|data\s+(?:della\s+)?(?:fattura|documento|emissione)|date\s+de\s+facturation/i,
  /^\s*(?:date|datum|fecha|data)\b/i,
  /\b(?:dated|datum|date|fecha)\b/i,
];

export const DUE_DATE_LABELS = [
  /\bdue\s+date\b|\bpayment\s+due\b|\bdue\s+(?:on|by)\b|\bpay(?:able)?\s+(?:by|until|(?:on\s+or\s+)?before)\b|\bremit\s+(?:by|until|before)\b|[üu]berweisen\b.{0,40}?\bbis\b|f[äa]llig(?:keitsdatum|\s+am|\s+bis)?|zahlbar\s+bis|zahlungsziel|[ée]ch[ée]ance|[àa]\s+payer\s+avant|vervaldatum|uiterste\s+betaaldatum|te\s+betalen\s+v[oó][oó]r|fecha\s+de\s+vencimiento|vencimiento|scadenza|da\s+pagare\s+entro|date\s+limite\s+de\s+(?:paiement|r[èe]glement)|[àa]\s+r[ée]gler\s+avant|zahlungsfrist|vervaldag/i,
];
/** `Date de facture associée`, `Facture liée`, `Original invoice date`: a credit note's reference to another invoice. */
export const REFERENCED_INVOICE = /associ[ée]e|li[ée]e\b|d['’]origine|original|urspr[üu]nglich|related|referenced/i;
export const NOT_AN_ISSUE_DATE_LINE = new RegExp(
  // `Date début`, `Start date`: a service period's. `Fecha de Vto.` (vencimiento): a due date's or an authorisation's expiry.
  `${DUE_DATE_LABELS[0].source}|\\bvto\\b|deliver|liefer|livraison|lever|entrega|period|zeitraum|p[ée]riode|order\\s+date|bestelldatum|${REFERENCED_INVOICE.source}|\\bd[ée]but\\b|\\bfin\\b|\\b(?:start|end)\\s+date|beginn|\\bende\\b|inicio`,
  'i',
);

// `Von:`, `Van:`, `De:` name the issuer only before a name (`Von: 01.01.2024 Bis: …` is a period).
export const VENDOR_LABEL =
  /^\s*(?:from|vendor|supplier|seller|sold\s+by|billed\s+by|issued\s+by|payee|verk[äa]ufer|lieferant|rechnungssteller|fournisseur|vendeur|[ée]metteur|(?:rechnungs)?aussteller|absender|exp[ée]diteur|prestataire|leverancier|afzender|verkoper|crediteur|kreditor|creditor|proveedor|emisor|remitente|vendedor|raz[oó]n\s+social|auftragnehmer|leistungserbringer|dienstverlener|opdrachtnemer|prestador|fornitore|cedente|prestatore|venditore|emittente|emitid[oa]\s+por|facturad[oa]\s+por|[ée]mise?\s+par|factur[ée]e?\s+par|ausgestellt\s+von|verkauft\s+von|gefactureerd\s+door|uitgegeven\s+door|emess[oa]\s+da|fatturat[oa]\s+da|(?:von|van|de)(?=\s*:[ \t]*\p{Lu}))(?![\p{L}\p{N}])\s*:?/iu;

// A short word is a label only with its colon (`To:`, `An:`, `Aan:`, `À :`, `Para:`, `Doit à :`), and `Facture à` only alone (not
// `Facture à régler par virement`). A label's end is no ASCII `\b`: `Facturé à`.
export const CUSTOMER_LABEL =
  /^\s*(?:bill(?:ed)?\s+to|invoice\s+to|sold\s+to|customer|client|buyer|purchaser|recipient|kunde|(?:rechnungs|leistungs)?empf[äa]nger|k[äa]ufer|factur[ée]e?\s+[àa](?=\s*:|\s*$)|facturée?\s+[àa]|destinataire|acheteur|klant|afnemer|ontvanger|cliente|comprador|receptor|adquirente|facturar\s+a|cessionario|committente|destinatario|spett\.?le|intestatario|factuur\s+aan|gefactureerd\s+aan|fatturare\s+a|intestata\s+a|(?:to|an|aan|[àa]|para|doit(?:\s+[àa])?)(?=\s*:))(?![\p{L}\p{N}])\s*:?/iu;

/** Other labels of an addressee's block (billing and delivery addresses, the client of a service): never the issuer's. */
export const ADDRESSEE_LABEL =
  /^\s*(?:billing\s+address|invoice\s+address|ship(?:ping)?\s+to|deliver(?:y)?\s+(?:to|address)|auftraggeber|rechnungs(?:adresse|anschrift)|liefer(?:adresse|anschrift)|opdrachtgever|factuuradres|afleveradres|adresse\s+de\s+(?:facturation|livraison)|livr[ée]\s+[àa]|direcci[oó]n\s+de\s+(?:facturaci[oó]n|env[ií]o|entrega)|enviar\s+a)(?![\p{L}\p{N}])\s*:?/iu;

/** `Bluebird Design LLC Bill To`: a customer label closing a line, the issuer's column read beside the customer's. */
export const CUSTOMER_LABEL_AT_END =
  /\s(?:bill(?:ed)?\s+to|invoice\s+to|sold\s+to|(?:rechnungs|leistungs)?empf[äa]nger|factur[ée]\s+[àa]|destinataire|facturar\s+a|factuur\s+aan|gefactureerd\s+aan)\s*:?\s*$/i;

// Words that qualify a title (`TAX INVOICE`, `Proforma-Rechnung`, `Payment receipt`, `e-Rechnung`): part of the title, never of a name.
const TITLE_QUALIFIER =
  '(?:tax|simplified|commercial|pro[\\s-]?forma|final|sales|vat|gst|credit|debit|electronic|interim|partial|teil|schluss|abschlags|storno|payment|order|purchase|customer|gift|donation|cash|official|your|e)';

/** A document's title closing a line (`Acme Ltd INVOICE`, `Müller GmbH Rechnung`), with its qualifiers. */
export const TITLE_AT_END = new RegExp(
  `(?<![\\p{L}-])(?:${TITLE_QUALIFIER}[\\s-]+)*(?:invoice|rechnung|facture|factura|factuur|receipt|quittung)\\s*$`,
  'iu',
);

/**
 * What only an issuer must print about itself: its company registration (SIRET, SIREN, RCS, HRB, KvK,
 * company number), its share capital, or its VAT number given as its own (`VAT: FR86…`, `TVA : FR11…`, `UID Nr.: DE…`).
 */
export const LEGAL_IDENTITY =
  /\b(?:siret|siren|r\.\s?c\.\s?s\.?|rcs\s+\p{Lu}|au\s+capital|capital\s+(?:social|de)|share\s+capital|company\s+(?:no|number|reg(?:istration)?)|registered\s+(?:office|in\s+england)|handelsregister|hrb\s*\d|amtsgericht|kvk|cif|nif)\b|\b(?:vat|tva|btw|iva|uid|ust[.-]?\s?id(?:nr)?\.?)\s*(?:(?:reg(?:istration)?\.?\s*)?(?:no|nr|number|n°)\.?|intra(?:communautaire)?)?\s*:\s*[A-Z]{2}\s?\d/iu;

/** Words that make a line the customer's: their VAT number, their reference, their address. */
export const CUSTOMER_WORDS = /\b(?:client|customer|kunde|kunden|buyer|acheteur|klant|cliente|vos|votre|your|ihre|bill\s+to|ship\s+to)\b/i;

/** Legal forms of companies: a line with one is a company's name. Case matters (`SA`, not `sa`). */
export const LEGAL_FORM =
  /(?<![\p{L}])(?:GmbH|GMBH|mbH|AG|KG|OHG|UG|e\.\s?K\.|Ltd\.?|LTD\.?|Limited|LLC|LLP|Inc\.?|INC\.?|Corp\.?|PLC|plc|S\.?A\.?R\.?L\.?|SARL|SAS|SASU|S\.A\.|SA|SE|B\.V\.?|BV|N\.V\.?|NV|S\.L\.U?\.?|SL|S\.p\.A\.|Sdn\.?\s*Bhd\.?|SDN\.?\s*BHD\.?|BHD|Pty|Co\.|& Co|e\.V\.|a\.\s?G\.|e\.\s?G\.|eG|GbR|oHG|S\.A\.S\.?|S\.R\.L\.?|SRL|EURL|SNC|V\.O\.F\.?|VOF|Ltda\.?|LTDA\.?|S\.\s?Coop\.?)(?![\p{L}])/u;

/** Words of a document's title, not of a company's name. */
export const DOCUMENT_WORDS =
  /\b(?:invoice|rechnung|facture|factura|factuur|fattura|faktura|bill|receipt|quittung|beleg|ticket|credit\s+note|gutschrift|avoir|abono|creditnota|tax\s+invoice|page\s+\d|seite\s+\d|original|duplicate|duplicado|duplicata|duplikat|triplicado|copy|copia|copie|kopie|reprint|kundenbeleg|kassenbon|kassabon)\b/i;

/** Words of shop and trading names, for receipts whose merchant prints no legal form. */
export const BUSINESS_WORDS =
  /\b(?:enterprise|trading|hardware|stationery|mart|shop|store|restaurant|restoran|caf[ée]|bakery|b[äa]ckerei|market|supermarket|electrical|machinery|motor|books|perniagaan|kedai|sdn|bhd|bnd|apotheke|pharmacie|boulangerie|bakkerij|winkel|tienda|farmacia)\b/i;

/** Column headers of an item table. */
export const TABLE_HEADER_WORDS =
  /\b(?:description|qty|quantity|unit|price|amount|pos|item|menge|einzelpreis|gesamtpreis|bezeichnung|artikel|einheit|d[ée]signation|quantit[ée]|prix|montant|omschrijving|aantal|prijs|bedrag|descripci[oó]n|cantidad|precio|importe)\b/gi;

/** Street lines, postcodes with a town, contact lines: parts of an address block, not a name. */
export const ADDRESS_LINE =
  /^\s*\d|\p{L}(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|straat|laan|gracht|plein|kade|dreef|vej|gatan|gade)\s*\d|\b(?:no|lot)\.?\s*\d|\b\d{4,5}\s+\p{Lu}|\b(?:str\.|straße|strasse|street|st\.|road|rd\.|avenue|ave\.|rue|weg|laan|plein|gracht|calle|avda\.|jalan|jln|lorong|taman|postfach|p\.?o\.?\s+box)\b|@|\bwww\.|\b(?:tel|fax|phone|telefon|t[ée]l[ée]phone)\b/iu;

/** How a receipt was paid, in the words receipts print, and the value recorded for each. */
export const PAYMENT_METHODS: readonly [RegExp, string][] = [
  [/\bvisa\b/i, 'card'],
  [
    // `EC-Cash` is the German debit card's name; a loyalty card (`PRIVILEGE CARD`, `PAYBACK Karte`) pays nothing.
    /\b(?:master\s?card|maestro|amex|american\s+express|credit\s+card|debit\s+card|(?<!(?:loyalty|privilege|member(?:ship)?|payback|club|bonus|rewards?|points|kunden|customer|gift)[\s-])(?:card|karte)|ec[\s-]karte|ec[\s-]cash|girocard|carte\s+(?:bancaire|bleue)|\bcb\b|pinnen|\bpin\b|tarjeta|kreditkarte)\b/i,
    'card',
  ],
  [/\b(?:cash|bar(?:geld|zahlung)?|esp[èe]ces|contant|efectivo)\b/i, 'cash'],
  [/\b(?:paypal|apple\s+pay|google\s+pay)\b/i, 'wallet'],
  [/\b(?:bank\s+transfer|[üu]berweisung|virement|overboeking|transferencia)\b/i, 'transfer'],
];

/** What the customer handed over, and what was given back: paid − change is the total of a cash sale. */
export const TENDERED_LABELS = [/^\s*(?:cash|tender(?:ed)?|paid|bar|gegeben|esp[èe]ces|contant|efectivo|entregado)\b/i];
export const CHANGE_LABELS = [/^\s*(?:change|r[üu]ckgeld|wechselgeld|rendu|monnaie|wisselgeld|cambio|vuelto)\b/i];
export const ROUNDING_LABELS = [/^\s*(?:rounding|rounded|round\s+off|rundung|arrondi|afronding|redondeo)\b/i];
