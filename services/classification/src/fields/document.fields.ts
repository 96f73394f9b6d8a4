import { compact, entityAfterLabel, firstOf, fromEntity, spanOf, type Field, type FieldExtractor, type FieldSource } from './field';
import { firstHeading } from './headings';

const DOI = /\b10\.\d{4,9}\/[^\s"<>]*[^\s"<>.,;]/;
const AUTHORS =
  /^\s*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]*)+(?:\d|\*|†)*(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]*)+(?:\d|\*|†)*)+\s*$/u;
const NOT_A_TITLE = /^\s*(?:page|confidential|draft|internal|preprint|arxiv|journal|vol\.|proceedings)\b/i;

/** Title and date of a report. */
export const reportFields: FieldExtractor = (source) => {
  const date =
    entityAfterLabel(source, 'date', [/\bdate\b|\bas of\b|\bprepared\b|\bissued\b|\bperiod\b/i]) ?? firstOf(source.entities, 'date');
  return compact({ title: firstHeading(source, NOT_A_TITLE), date: date && fromEntity(date, 0.5) });
};

/** Title, authors and DOI of a paper. */
export const scientificPaperFields: FieldExtractor = (source) => {
  const title = firstHeading(source, NOT_A_TITLE);
  return compact({ title, authors: authorsBelow(source, title), doi: doi(source) });
};

/** Title and date of a form. */
export const formFields: FieldExtractor = (source) => {
  const titled = source.lines
    .slice(0, 5)
    .find((line) => /\b(?:form|application|request|registration|declaration|claim)\b/i.test(line.text));
  const date = firstOf(source.entities, 'date');
  return compact({ title: titled ? spanOf(titled, 0) : firstHeading(source, NOT_A_TITLE), date: date && fromEntity(date, 0.5) });
};

function authorsBelow(source: FieldSource, title: Field | undefined): Field | undefined {
  if (!title) return undefined;
  const at = source.lines.findIndex((line) => line.page === title.page && line.start <= title.start! && title.start! < line.end);
  const line = source.lines.slice(at + 1, at + 3).find((candidate) => AUTHORS.test(candidate.text));
  return line && spanOf(line, 0);
}

function doi(source: FieldSource): Field | undefined {
  for (const line of source.lines) {
    const match = DOI.exec(line.text);
    if (match) return spanOf(line, match.index, match.index + match[0].length);
  }
  return undefined;
}
