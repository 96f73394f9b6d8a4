import type { Entity, ExtractedText } from '@docpipe/contracts';
import { findBareAmounts, findEntities } from '@docpipe/entities';

/**
 * Extraction's entities where it stored them; the same shared detector run here on pages it found
 * nothing on (text from older extractions, the training set).
 */
export function entitiesOf(document: ExtractedText): Entity[] {
  const known = document.entities;
  const extra = document.pages
    .filter((page) => !known.some((entity) => entity.page === page.number))
    .flatMap((page) => findEntities(page.number, page.text, document.language));
  return [...known, ...extra].sort((a, b) => a.page - b.page || a.start - b.start);
}

/** Money entities plus the bare amounts that no other entity (a date, an IBAN) already covers. */
export function amountsOf(document: ExtractedText, entities: readonly Entity[]): Entity[] {
  const bare = document.pages.flatMap((page) =>
    findBareAmounts(page.text)
      .map((match) => ({ ...match, page: page.number }))
      .filter((found) => !entities.some((entity) => entity.page === found.page && entity.start < found.end && found.start < entity.end)),
  );
  return [...entities.filter((entity) => entity.kind === 'money'), ...bare].sort((a, b) => a.page - b.page || a.start - b.start);
}
