import { attachmentDisposition } from '../src/documents/content-disposition';
import { sanitiseFileName } from '../src/uploads/file-name';

describe('an uploaded file’s name', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['/absolute/path/report.pdf', 'report.pdf'],
    ['..', 'upload'],
    ['', 'upload'],
    [undefined, 'upload'],
    ['bad\u0000name\r\n.txt', 'badname.txt'],
    ['  spaced out.txt  ', 'spaced out.txt'],
    ['Übersicht – März.pdf', 'Übersicht – März.pdf'],
    // Bidirectional overrides and isolates would show this as "invoiceexe.pdf".
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['a\u2066b\u2067c\u2068d\u2069e\u200Ff\u200Eg.txt', 'abcdefg.txt'],
    ['zero\u200Bwidth\uFEFF\u00ADname\u2028.pdf', 'zerowidthname.pdf'],
  ])('%j becomes %j', (offered, expected) => {
    expect(sanitiseFileName(offered)).toBe(expected);
  });

  it('is cut to the 255 UTF-16 units the contracts allow, keeping its extension and every character whole', () => {
    expect(sanitiseFileName(`${'a'.repeat(300)}.md`)).toBe(`${'a'.repeat(252)}.md`);
    expect(sanitiseFileName(`${'😀'.repeat(200)}.txt`)).toBe(`${'😀'.repeat(125)}.txt`);
  });
});

describe('the Content-Disposition of a download', () => {
  it('offers a plain name as it is', () => {
    expect(attachmentDisposition('invoice.pdf')).toBe(`attachment; filename="invoice.pdf"; filename*=UTF-8''invoice.pdf`);
  });

  it('cannot be broken by quotes, separators or line breaks, and keeps non-ASCII names in the encoded form', () => {
    const header = attachmentDisposition('a";\r\nSet-Cookie: x=1; b/ü.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a____Set-Cookie: x=1_ b__.pdf"; filename*=UTF-8''a%22%3B%0D%0ASet-Cookie%3A%20x%3D1%3B%20b%2F%C3%BC.pdf`,
    );
  });
});
