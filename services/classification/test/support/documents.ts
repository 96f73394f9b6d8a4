import type { ExtractedText } from '@docpipe/contracts';

/** Text as extraction stores it; a form feed separates pages, entities are left to the classifier's own patterns. */
export function extractedText(text: string, documentId = 'doc-1'): ExtractedText {
  return {
    documentId,
    mediaType: 'text/plain',
    language: 'en',
    pages: text.split('\f').map((pageText, i) => ({ number: i + 1, text: pageText, ocr: false })),
    entities: [],
    extractor: { name: 'extraction/plain-text', version: '1.0.0' },
  };
}

export const invoiceText = `Northwind Consulting GmbH
Lindenstraße 4, 10969 Berlin

INVOICE
Invoice No.: NW-2024-117
Invoice date: 14.03.2024
Due date: 28.03.2024

Bill to: Fabrikam Ltd, 1 Market Street, London

Strategy workshop (2 days)            EUR 3,200.00
Travel expenses                       EUR 410.50

Subtotal                              EUR 3,610.50
VAT 19%                               EUR 686.00
Total amount due                      EUR 4,296.50

Please transfer the amount to IBAN DE89 3704 0044 0532 0130 00 within 14 days.`;

export const contractText = `SERVICE AGREEMENT

This Service Agreement is made on 1 April 2024 between Acme Robotics Ltd ("Client") and Jane Doe, trading as Doe Engineering ("Contractor").

1. Services. The Contractor shall provide maintenance of the Client's assembly robots.
2. Term. This Agreement has a term of twelve (12) months and terminates on 31 March 2025 unless renewed.
3. Fees. The Client shall pay EUR 2,000 per month within 30 days of invoice.
4. Governing law. This Agreement is governed by the laws of England and Wales.

Signed for the Client: ______________   Signed by the Contractor: ______________`;

/** A monthly payslip from one employer, as a tenant of a payroll office receives them; no type of the base taxonomy. */
export function payslipText(employee: string, month: string, gross: number): string {
  const tax = Math.round(gross * 0.21 * 100) / 100;
  const pension = Math.round(gross * 0.093 * 100) / 100;
  const net = Math.round((gross - tax - pension) * 100) / 100;
  return `Harbourside Engineering Ltd — Payroll
PAYSLIP ${month}
Employee: ${employee}        Employee no.: ${employee.length}0${month.length}7
Tax code: 1257L    NI number: QQ 12 34 56 C
Pay period: ${month}    Payment date: 28 ${month}

Earnings                      Amount
Basic salary                  ${gross.toFixed(2)}
Overtime                      0.00
Gross pay                     ${gross.toFixed(2)}

Deductions
Income tax (PAYE)             ${tax.toFixed(2)}
Pension contribution          ${pension.toFixed(2)}
Total deductions              ${(tax + pension).toFixed(2)}

NET PAY                       ${net.toFixed(2)}
Year to date: gross pay, tax and pension as above. Paid by bank transfer.`;
}
