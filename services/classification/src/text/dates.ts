const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

interface DateForm {
  pattern: RegExp;
  toIso(match: RegExpExecArray): string | undefined;
}

/** The date shapes found in invoices, letters and contracts, each with how to read it as a calendar date. */
const forms: DateForm[] = [
  { pattern: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, toIso: (m) => iso(+m[1], +m[2], +m[3]) },
  { pattern: /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/g, toIso: (m) => iso(+m[3], +m[2], +m[1]) },
  // Slashes are ambiguous: a day above 12 decides; otherwise month first, as in US documents.
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g,
    toIso: (m) => (+m[1] > 12 ? iso(year(m[3]), +m[2], +m[1]) : iso(year(m[3]), +m[1], +m[2])),
  },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+${MONTH}[\\s,-]+(\\d{4})\\b`, 'gi'),
    toIso: (m) => iso(+m[3], month(m[2]), +m[1]),
  },
  {
    pattern: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'),
    toIso: (m) => iso(+m[3], month(m[1]), +m[2]),
  },
];

export interface DateMatch {
  start: number;
  end: number;
  text: string;
  /** ISO 8601 calendar date. */
  value: string;
}

/** Every calendar date written in the text, with its span; impossible dates (31.02.) are left out. */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const form of forms) {
    for (const match of text.matchAll(form.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((other) => start < other.end && other.start < end)) continue;
      const value = form.toIso(match as RegExpExecArray);
      if (value) found.push({ start, end, text: match[0], value });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function month(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, 3)] ?? 0;
}

function year(text: string): number {
  const value = Number(text);
  return text.length === 2 ? 2000 + value : value;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  return date.toISOString().slice(0, 10);
}
