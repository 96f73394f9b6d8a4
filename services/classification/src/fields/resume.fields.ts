import { compact, firstOf, fromEntity, labelledValue, spanOf, type FieldExtractor } from './field';

const NAME_LINE = /^\s*(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s*(?:$|[|,–—-]\s)/u;
const NOT_A_NAME = /curriculum|vitae|r[ée]sum[ée]|\bcv\b|profile|summary|contact|experience|education/i;

/** Name, e-mail and phone from a CV. */
export const resumeFields: FieldExtractor = (source) => {
  const email = firstOf(source.entities, 'email');
  const phone = firstOf(source.entities, 'phone');
  const named = labelledValue(source.lines, /^\s*(?:full\s+)?name\b/i)?.field;
  const nameLine = source.lines.slice(0, 6).find((line) => NAME_LINE.test(line.text) && !NOT_A_NAME.test(line.text));
  const match = nameLine && NAME_LINE.exec(nameLine.text);
  return compact({
    name: named ?? (nameLine && match ? spanOf(nameLine, match.index, match.index + match[0].length) : undefined),
    email: email && fromEntity(email, 0.9),
    phone: phone && fromEntity(phone, 0.8),
  });
};
