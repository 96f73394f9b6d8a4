// Vertical tab and form feed end a line; every other C0 and C1 control but tab and newline goes.
const LINE_ENDING_CONTROLS = /\r\n?|[\v\f\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const OTHER_CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
// Without the u flag a pattern sees UTF-16 code units: a high surrogate with no low one after it, or a low one with no high one before.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as every consumer can take it: well-formed UTF-16 (a lone surrogate, which strict JSON clients
 * refuse, becomes U+FFFD), newlines as \n, and no control characters other than \n and \t.
 */
export function sanitizeText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(LINE_ENDING_CONTROLS, '\n').replace(OTHER_CONTROLS, '');
}
