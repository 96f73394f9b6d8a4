import { childElements, textOf } from '../xml-text';

// Our own: no npm package turns OMML into Word's linear format (omml2mathml gives MathML, officeparser's converter LaTeX, internally).

/** Deeper than this an equation is read as its plain symbols: a hostile file must not overflow the stack. */
const MAX_DEPTH = 64;

/**
 * An Office Math (OMML) element as linear text in the manner of Word's linear format (UnicodeMath):
 * `(a+b)/2`, `x^2`, `x_(i,j)`, `√(x)`, `∑_(i=1)^n i`, `sin x`, `(x|y)`, `■(a&b@c&d)` for a matrix.
 * Operands that are more than one symbol are bracketed, so the text reads back as the same formula.
 */
export function ommlToLinear(element: Element): string {
  return linear(element, 0).replace(/\s+/g, ' ').trim();
}

function linear(element: Element, depth: number): string {
  if (depth > MAX_DEPTH) return textOf(element);
  const next = (child: Element | undefined) => (child ? linear(child, depth + 1) : '');
  const part = (name: string) => next(child(element, name));
  switch (element.localName) {
    case 't':
      return element.textContent ?? '';
    case 'oMathPara':
      return childElements(element)
        .filter((math) => math.localName === 'oMath')
        .map((math) => next(math))
        .join('\n');
    case 'f':
      return fraction(element, operand(part('num')), operand(part('den')));
    case 'sSup':
      return `${part('e')}^${operand(part('sup'))}`;
    case 'sSub':
      return `${part('e')}_${operand(part('sub'))}`;
    case 'sSubSup':
      return `${part('e')}_${operand(part('sub'))}^${operand(part('sup'))}`;
    case 'sPre':
      return `_${operand(part('sub'))}^${operand(part('sup'))} ${part('e')}`;
    case 'rad':
      return radical(part('deg'), part('e'));
    case 'nary':
      return nary(element, part('sub'), part('sup'), part('e'));
    case 'd':
      return delimited(
        element,
        childElements(element)
          .filter((e) => e.localName === 'e')
          .map(next),
      );
    case 'func':
      return func(part('fName'), part('e'));
    case 'limLow':
      return `${part('e')}_${operand(part('lim'))}`;
    case 'limUpp':
      return `${part('e')}^${operand(part('lim'))}`;
    case 'acc':
      return `${operand(part('e'))}${property(element, 'accPr', 'chr') ?? '\u0302'}`;
    case 'bar':
      return `${operand(part('e'))}${property(element, 'barPr', 'pos') === 'top' ? '\u0305' : '\u0332'}`;
    case 'groupChr':
      return `${property(element, 'groupChrPr', 'chr') ?? '\u23DF'}${operand(part('e'))}`;
    case 'm':
      return `■(${rows(element, 'mr', depth)})`;
    case 'eqArr':
      return childElements(element)
        .filter((e) => e.localName === 'e')
        .map(next)
        .join('\n');
    case 'phant':
      // A phantom only reserves room for its content, unless told to show it.
      return ['1', 'on', 'true'].includes(property(element, 'phantPr', 'show') ?? '0') ? part('e') : '';
    default:
      if (element.localName.endsWith('Pr')) return '';
      return childElements(element).map(next).join('');
  }
}

function child(element: Element, localName: string): Element | undefined {
  return childElements(element).find((e) => e.localName === localName);
}

/** The `m:val` of a property such as `<m:naryPr><m:chr m:val="∑"/></m:naryPr>`. */
function property(element: Element, propertiesName: string, name: string): string | undefined {
  const properties = child(element, propertiesName);
  const value = properties ? child(properties, name) : undefined;
  if (!value) return undefined;
  // By local name: the math prefix is usually `m`, but a file may bind the namespace to another.
  for (let i = 0; i < value.attributes.length; i++) if (value.attributes[i].localName === 'val') return value.attributes[i].value;
  return undefined;
}

/** A single symbol or number stays bare; anything longer is bracketed unless it already is. */
function operand(text: string): string {
  const trimmed = text.trim();
  if (/^[^\s()]$|^\p{N}+([.,]\p{N}+)?$|^\p{L}+$/u.test(trimmed)) return trimmed;
  if (/^\(.*\)$/.test(trimmed) && balanced(trimmed.slice(1, -1))) return trimmed;
  return `(${trimmed})`;
}

function balanced(text: string): boolean {
  let open = 0;
  for (const char of text) {
    if (char === '(') open++;
    else if (char === ')' && --open < 0) return false;
  }
  return open === 0;
}

function fraction(element: Element, numerator: string, denominator: string): string {
  // A binomial coefficient (noBar) is written as `n¦k` in the linear format.
  return property(element, 'fPr', 'type') === 'noBar' ? `(${numerator}¦${denominator})` : `${numerator}/${denominator}`;
}

function radical(degree: string, base: string): string {
  const roots: Record<string, string> = { '': '√', '2': '√', '3': '∛', '4': '∜' };
  const sign = roots[degree.trim()];
  return sign ? `${sign}${operand(base)}` : `√(${degree.trim()}&${base.trim()})`;
}

function nary(element: Element, lower: string, upper: string, body: string): string {
  const sign = property(element, 'naryPr', 'chr') ?? '∫';
  const limits = `${lower.trim() ? `_${operand(lower)}` : ''}${upper.trim() ? `^${operand(upper)}` : ''}`;
  return `${sign}${limits} ${body}`;
}

function delimited(element: Element, parts: string[]): string {
  const open = property(element, 'dPr', 'begChr') ?? '(';
  const close = property(element, 'dPr', 'endChr') ?? ')';
  const separator = property(element, 'dPr', 'sepChr') ?? '|';
  return `${open}${parts.join(separator)}${close}`;
}

function func(name: string, argument: string): string {
  const trimmed = argument.trim();
  return /^[([{|]/.test(trimmed) ? `${name}${trimmed}` : `${name} ${trimmed}`;
}

function rows(matrix: Element, rowName: string, depth: number): string {
  return childElements(matrix)
    .filter((row) => row.localName === rowName)
    .map((row) =>
      childElements(row)
        .filter((cell) => cell.localName === 'e')
        .map((cell) => linear(cell, depth + 2).trim())
        .join('&'),
    )
    .join('@');
}
