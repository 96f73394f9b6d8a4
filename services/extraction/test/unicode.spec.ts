import { sanitizeText } from '../src/unicode';

describe('sanitizeText', () => {
  it('replaces lone surrogates, keeps pairs', () => {
    expect(sanitizeText('a\uD800b\uDC00c 😀 한국어')).toBe('a\uFFFDb\uFFFDc 😀 한국어');
    expect(() => JSON.parse(JSON.stringify(sanitizeText('\uD83D')))).not.toThrow();
    expect(sanitizeText('x\uDBFF')).toBe('x\uFFFD');
  });

  it('keeps newline and tab, ends lines at CR, vertical tab and form feed, drops other controls', () => {
    expect(sanitizeText('one\r\ntwo\rthree\ffour\vfive')).toBe('one\ntwo\nthree\nfour\nfive');
    expect(sanitizeText('a\tb\u0000c\u0007d\u001Be\u007Ff\u0085g\u009Bh')).toBe('a\tbcdef\ngh');
    expect(sanitizeText('end\uFFFF')).toBe('end');
  });
});
