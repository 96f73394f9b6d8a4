import { layoutTokens } from '../src/model/layout';

describe('layout features', () => {
  it('describes a German and an English till receipt with the same tokens: a narrow column of lines ending in amounts', () => {
    const german =
      'EDEKA Markt\nMilch 1,5%      1,09 B\nBrot            2,49 B\nKäse            3,79 B\nSUMME EUR       7,37\nBar             10,00\nRückgeld        2,63';
    const english =
      'CORNER SHOP\nMilk 2 pints    1.09\nBread           2.49\nCheese          3.79\nTOTAL GBP       7.37\nCash            10.00\nChange          2.63';
    const expected = ['l:width=<32', 'l:amount-lines=60%+', 'l:prose=0', 'l:lines=<15'];
    expect(layoutTokens(german)).toEqual(expect.arrayContaining(expected));
    expect(layoutTokens(english)).toEqual(expect.arrayContaining(expected));
  });

  it('tells running prose from tables of numbers', () => {
    const prose = [
      'The committee met on Tuesday to discuss the proposal that had been circulated to all members in advance.',
      'Several members raised concerns about the timetable, and the chair agreed that a further meeting would be held.',
      'It was noted that the budget had not yet been approved by the council, which would meet again in the spring.',
    ].join('\n');
    const table = ['Region 2019 2020 2021', 'North 1,204 1,310 1,422', 'South 980 1,015 1,102', 'East 455 470 512'].join('\n');
    expect(layoutTokens(prose)).toEqual(expect.arrayContaining(['l:prose=60%+', 'l:numbers=0', 'l:width=80+']));
    expect(layoutTokens(table)).toEqual(expect.arrayContaining(['l:prose=0', 'l:numbers=60%+']));
  });

  it('reads a Markdown table as the rows it stands for, so the shape does not depend on how extraction wrote the table', () => {
    const plain = ['Item Qty Price Amount', 'Consulting 2 500.00 1000.00', 'Programming 10 900.00 9000.00', 'Total 10000.00'];
    const markdown = [
      '| Item | Qty | Price | Amount |',
      '| --- | --- | ---: | ---: |',
      '| Consulting | 2 | 500.00 | 1000.00 |',
      '| Programming | 10 | 900.00 | 9000.00 |',
      '## Total 10000.00',
    ];
    expect(layoutTokens(markdown.join('\n'))).toEqual(layoutTokens(plain.join('\n')));
    expect(layoutTokens(markdown.join('\n'))).toEqual(expect.arrayContaining(['l:amount-lines=60%+', 'l:numbers=<60%']));
  });

  it('counts numbered headings in any of the five languages, not numbered amounts', () => {
    const text = '1. Introduction\nSome text.\n2.1 Scope\nArtikel 3 Laufzeit\n§ 4 Kündigung\n12.50 EUR\n3 apples';
    expect(layoutTokens(text)).toEqual(expect.arrayContaining(['l:headings=2-4']));
    expect(layoutTokens('')).toEqual(['l:empty']);
  });
});
