import {
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  Math as Equation,
  MathFraction,
  MathRadical,
  MathRun,
  MathSum,
  MathSuperScript,
  Packer,
  PageBreak,
  Paragraph,
  TextRun,
  Textbox,
} from 'docx';
import { ChartRun } from 'docx/charts';

/**
 * A Word document with everything mammoth alone drops or mangles: a header and footer, a footnote, inline and
 * display equations, a text box and a column chart, over two pages. Made here with the `docx` package.
 */
export function structuredDocx(): Promise<Buffer> {
  const document = new Document({
    footnotes: { 1: { children: [new Paragraph('Source: the annual report of Acme Ltd.')] } },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('Acme Ltd quarterly review')] }) },
        footers: { default: new Footer({ children: [new Paragraph('Confidential footer')] }) },
        children: [
          new Paragraph({ children: [new TextRun('Sales grew in every region'), new FootnoteReferenceRun(1)] }),
          new Paragraph({
            children: [
              new TextRun('Energy is '),
              new Equation({
                children: [new MathRun('E=m'), new MathSuperScript({ children: [new MathRun('c')], superScript: [new MathRun('2')] })],
              }),
              new TextRun(' as usual.'),
            ],
          }),
          new Paragraph({
            children: [
              new Equation({
                children: [
                  new MathFraction({ numerator: [new MathRun('a+b')], denominator: [new MathRun('2')] }),
                  new MathRun('+'),
                  new MathRadical({ children: [new MathRun('x')] }),
                  new MathRun('+'),
                  new MathSum({ children: [new MathRun('i')], subScript: [new MathRun('i=1')], superScript: [new MathRun('n')] }),
                ],
              }),
            ],
          }),
          new Textbox({ style: { width: '200pt', height: 'auto' }, children: [new Paragraph('Remember the deadline in the box')] }),
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph({
            children: [
              new ChartRun({
                type: 'column',
                title: 'Quarterly sales',
                categories: ['Q1', 'Q2'],
                series: [
                  { name: 'North', values: [10, 20] },
                  { name: 'South', values: [5, 7.5] },
                ],
              }),
            ],
          }),
          new Paragraph('After the chart.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
