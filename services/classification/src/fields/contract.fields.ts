import { compact, entityAfterLabel, firstOf, fromEntity, spanOf, type Field, type FieldExtractor, type FieldSource } from './field';

const EFFECTIVE_LABELS = [
  /\beffective\b|\bcommenc|\bstart(?:ing|s)?\b(?: date| on)?|\bbegin/i,
  /\bdated\b|\bmade on\b|\bentered into\b|\bas of\b|\bthis\b.*\bday of\b/i,
];
const END_LABELS = [/\bterminat|\bexpir|\bend(?:s|ing)?\b(?: date| on)?|\buntil\b|\bthrough\b/i];
const DURATION =
  '(?:[a-z-]+\\s+)?(?:\\(\\d+\\)\\s+)?\\d*\\s*(?:calendar\\s+|business\\s+)?(?:months?|years?|weeks?|days?|monate[n]?|jahre[n]?|wochen|tage[n]?|mois|ans?|semaines|jours|maanden|jaar|weken|dagen|meses|años|semanas|días)';
const TERM = new RegExp(
  `\\b(?:term|period|duration|laufzeit|dur[ée]e|looptijd|duraci[oó]n|plazo)\\s+(?:of|von|de|van)\\s+(${DURATION})`,
  'i',
);
// "three (3) months' written notice", "notice period of 30 days", "Kündigungsfrist von 3 Monaten", "préavis de 3 mois", "opzegtermijn van 1 maand", "preaviso de 15 días".
const NOTICE = [
  new RegExp(
    `\\b(?:notice\\s+period|period\\s+of\\s+notice|k[üu]ndigungsfrist|pr[ée]avis|opzegtermijn|preaviso)\\s+(?:of|von|de|van|d['’])?\\s*(${DURATION})`,
    'i',
  ),
  new RegExp(
    `\\b(${DURATION})['’]?\\s+(?:prior\\s+)?(?:written\\s+)?(?:notice|k[üu]ndigungsfrist|de\\s+pr[ée]avis|opzegtermijn|de\\s+preaviso)`,
    'i',
  ),
];
const PARTY_LABEL =
  /^\s*(?:party\s*(?:a|b|1|2|one|two)|landlord|tenant|lessor|lessee|employer|employee|client|contractor|consultant|buyer|seller|purchaser|vendor|licensor|licensee|provider|customer|supplier)\s*:/i;

/** Parties, effective date, end date and term of a contract. */
export const contractFields: FieldExtractor = (source) => {
  const labelled = entityAfterLabel(source, 'date', EFFECTIVE_LABELS);
  const effective = labelled ?? firstOf(source.entities, 'date');
  const end = entityAfterLabel(source, 'date', END_LABELS);
  return compact({
    parties: partiesBetween(source) ?? labelledParties(source),
    effectiveDate: effective && fromEntity(effective, labelled ? 0.8 : 0.4),
    endDate: end && end !== effective ? fromEntity(end, 0.7) : undefined,
    term: firstSpan(source, [TERM], 0.7),
    noticePeriod: firstSpan(source, NOTICE, 0.75),
  });
};

/** `… between Acme Ltd ("Client") and Jane Doe, …`: the two names, the span from the first to the end of the second. */
function partiesBetween(source: FieldSource): Field | undefined {
  for (const page of source.document.pages) {
    // Parenthesised aliases ("the Client") are blanked out, keeping offsets, so they do not end a name.
    const text = page.text.replace(/\([^)\n]*\)|“[^”\n]*”|"[^"\n]*"/g, (aside) => ' '.repeat(aside.length));
    const between = /\bbetween\b[\s:]*/i.exec(text);
    if (!between) continue;
    const startA = between.index + between[0].length;
    const endA = startA + searchFrom(text, startA, /\s*(?:[,;\n]|\s(?:and|AND)\s)/);
    const and = /\band\b[\s:]*/i.exec(text.slice(endA, endA + 400));
    if (!and) continue;
    const startB = endA + and.index + and[0].length;
    const endB = startB + searchFrom(text, startB, /\s*(?:[,;\n]|\.(?:\s|$))/);
    const [a, b] = [text.slice(startA, endA).trim(), text.slice(startB, endB).trim()];
    if (!a || !b || a.length > 100 || b.length > 100) continue;
    return { value: `${a}; ${b}`, page: page.number, start: startA, end: endB, confidence: 0.75 };
  }
  return undefined;
}

/** `Landlord: …` / `Tenant: …` lines. */
function labelledParties(source: FieldSource): Field | undefined {
  const parties = source.lines
    .filter((line) => PARTY_LABEL.test(line.text))
    .slice(0, 2)
    .map((line) => spanOf(line, PARTY_LABEL.exec(line.text)![0].length))
    .filter((field): field is Field => field !== undefined);
  if (parties.length === 0) return undefined;
  const [first, last] = [parties[0], parties.at(-1)!];
  const samePage = first.page === last.page;
  return {
    value: parties.map((party) => party.value).join('; '),
    page: first.page,
    start: first.start,
    end: samePage ? last.end : first.end,
    confidence: 0.7,
  };
}

/** The first group of the first pattern that matches a line, as a field. */
function firstSpan(source: FieldSource, patterns: readonly RegExp[], confidence: number): Field | undefined {
  for (const pattern of patterns) {
    for (const line of source.lines) {
      const match = pattern.exec(line.text);
      if (!match) continue;
      const from = match.index + match[0].indexOf(match[1]);
      return spanOf(line, from, from + match[1].length, confidence);
    }
  }
  return undefined;
}

function searchFrom(text: string, from: number, pattern: RegExp): number {
  const index = text.slice(from).search(pattern);
  return index < 0 ? Math.min(text.length - from, 100) : index;
}
