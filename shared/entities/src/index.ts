export { findDates } from './dates';
export type { EntityMatch } from './entity-match';
export { findEntities } from './find-entities';
export { findIbans } from './ibans';
export { findInvoiceNumbers } from './invoice-numbers';
export { findLinks } from './links';
export { currencyCode, findBareAmounts, findMoney, normaliseAmount } from './money';
export { findPhones } from './phones';
