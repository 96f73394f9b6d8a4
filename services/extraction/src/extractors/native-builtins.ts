/** The engine's own versions of the built-ins pdf.js's legacy build replaces, taken before pdf.js loads (see pdfjs.ts). */
const native = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };

/** Puts the engine's built-ins back; pdf.js runs on them as on any engine that needs no polyfill. */
export function restoreNativeBuiltins(): void {
  Array.prototype.push = native.push;
  JSON.parse = native.parse;
  JSON.stringify = native.stringify;
}
