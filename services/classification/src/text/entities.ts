import type { Entity, ExtractedText } from '@docpipe/events';
import { findDates } from './dates';
import { findMoney } from './money';

type Span = Omit<Entity, 'page'>;
type Detector = (text: string) => Span[];

const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')]+[^\s<>"').,;:]/gi;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const INVOICE_NUMBER =
  /\b(?:invoice|inv|bill|rechnung|facture)\.?\s*(?:no\.?|number|nr\.?|num\.?|#|id)\s*[:#.]?\s*([A-Z0-9][A-Z0-9\-/]{2,})/gi;
const PHONE = /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?!\w)/g;

const matches = (text: string, pattern: RegExp, kind: Entity['kind'], value: (raw: string) => string): Span[] =>
  [...text.matchAll(pattern)].map((m) => ({ kind, text: m[0], value: value(m[0]), start: m.index, end: m.index + m[0].length }));

/** In priority order: a span taken by an earlier detector is not taken again (an IBAN's digits are no phone number). */
const detectors: Detector[] = [
  (text) => matches(text, EMAIL, 'email', (raw) => raw.toLowerCase()),
  (text) => matches(text, URL, 'url', (raw) => raw),
  (text) => matches(text, IBAN, 'iban', (raw) => raw.replace(/\s/g, '')),
  (text) => findDates(text).map(({ start, end, text: raw, value }) => ({ kind: 'date', text: raw, value, start, end })),
  (text) => findMoney(text).map(({ start, end, text: raw, value }) => ({ kind: 'money', text: raw, value, start, end })),
  (text) =>
    [...text.matchAll(INVOICE_NUMBER)].map((m) => {
      const start = m.index + m[0].length - m[1].length;
      return { kind: 'invoice-number', text: m[1], value: m[1], start, end: start + m[1].length };
    }),
  (text) =>
    matches(text, PHONE, 'phone', (raw) => `${raw.startsWith('+') ? '+' : ''}${raw.replace(/\D/g, '')}`).filter(
      (span) => span.value.replace('+', '').length >= 7 && span.value.replace('+', '').length <= 15,
    ),
];

/** The generic entities extraction finds, found again here so classification works on any text (and on the training set). */
export function findEntities(page: number, text: string): Entity[] {
  const spans: Span[] = [];
  for (const detect of detectors) {
    for (const span of detect(text)) {
      if (!spans.some((other) => span.start < other.end && other.start < span.end)) spans.push(span);
    }
  }
  return spans.sort((a, b) => a.start - b.start).map((span) => ({ page, ...span }));
}

/**
 * Extraction's entities first (they may come from better tools), completed with what these patterns
 * find where extraction found nothing.
 */
export function entitiesOf(document: ExtractedText): Entity[] {
  const known = document.entities;
  const extra = document.pages.flatMap((page) =>
    findEntities(page.number, page.text).filter(
      (found) => !known.some((entity) => entity.page === found.page && entity.start < found.end && found.start < entity.end),
    ),
  );
  return [...known, ...extra].sort((a, b) => a.page - b.page || a.start - b.start);
}
