import { compact, firstOf, fromEntity, spanOf, type Field, type FieldExtractor, type FieldSource } from './field';

const SALUTATION = /^\s*(?:dear|to)\s+(.+?)\s*[,:]?\s*$/di;
const CLOSING =
  /^\s*(?:yours\s+(?:sincerely|faithfully|truly)|sincerely(?:\s+yours)?|(?:best|kind|warm(?:est)?|with\s+best)\s+regards|regards|respectfully(?:\s+yours)?|cordially|best\s+wishes|with\s+thanks|thank\s+you)[,.!]?\s*$/i;

/** Sender (who signs), recipient (who is greeted) and date of a letter. */
export const letterFields: FieldExtractor = (source) => {
  const date = firstOf(source.entities, 'date');
  return compact({ sender: signature(source), recipient: recipient(source), date: date && fromEntity(date, 0.5) });
};

function recipient(source: FieldSource): Field | undefined {
  for (const line of source.lines) {
    const match = SALUTATION.exec(line.text);
    const name = match?.indices?.[1];
    if (name) return spanOf(line, name[0], name[1]);
  }
  return undefined;
}

function signature(source: FieldSource): Field | undefined {
  const closing = source.lines.map((line) => CLOSING.test(line.text)).lastIndexOf(true);
  if (closing < 0) return undefined;
  const name = source.lines.slice(closing + 1, closing + 3).find((line) => /\p{L}{2}/u.test(line.text) && !/^\s*[[(]/.test(line.text));
  return name && spanOf(name, 0);
}
