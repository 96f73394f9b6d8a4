import { sniffText } from '../src/sniffing/text-sniffer';

const sniff = (text: string | Buffer, fileName = 'file.txt', complete = true) =>
  sniffText(typeof text === 'string' ? Buffer.from(text) : text, fileName, complete);

describe('recognising text', () => {
  it('tolerates a character cut in half at the end of a head, but not in a whole file', () => {
    // 'G', 'r' and the first of the two bytes of 'ü'.
    const cut = Buffer.from('Grüße').subarray(0, 3);

    expect(sniff(cut, 'a.txt', false)).toBe('text/plain');
    expect(sniff(cut, 'a.txt', true)).toBeUndefined();
  });

  it('refuses what is not UTF-8, contains NUL or is full of control characters', () => {
    expect(sniff(Buffer.from('caf\xe9', 'latin1'))).toBeUndefined();
    expect(sniff('text\u0000more')).toBeUndefined();
    expect(sniff('\u0001\u0002\u0003 abc')).toBeUndefined();
    expect(sniff(`${'a'.repeat(200)}\u001a`)).toBe('text/plain');
  });

  it('takes the subtype from the extension only among text types', () => {
    expect(sniff('# Title', 'notes.MD')).toBe('text/markdown');
    expect(sniff('a,b\n1,2', 'data.csv')).toBe('text/csv');
    expect(sniff('<p>fragment</p>', 'part.html')).toBe('text/html');
    expect(sniff('just words', 'fake.pdf')).toBe('text/plain');
    expect(sniff('= Handbook\n\n== Scope', 'guide.adoc')).toBe('text/asciidoc');
    expect(sniff('= Handbook', 'guide.asciidoc')).toBe('text/asciidoc');
  });

  it('recognises XML by a non-HTML document type declaration, or markup in a .xml/.nxml file', () => {
    const jats = '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving DTD v1.2 20190208//EN" "JATS.dtd">\n<article>';
    expect(sniff(jats, 'article.txt')).toBe('application/xml');
    expect(sniff('<article xmlns:xlink="http://www.w3.org/1999/xlink"><front/></article>', 'PMC1234.nxml')).toBe('application/xml');
    expect(sniff('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n<html>', 'page.txt')).toBe('text/html');
    expect(sniff('<not really markup, a note', 'note.txt')).toBe('text/plain');
  });

  it('recognises WebVTT by the signature its specification requires, whatever the name', () => {
    expect(sniff('WEBVTT\n\n00:01.000 --> 00:04.000\nHello', 'call.txt')).toBe('text/vtt');
    expect(sniff('\uFEFFWEBVTT - Board call\r\n\r\n00:01.000 --> 00:04.000\r\nHello', 'call.vtt')).toBe('text/vtt');
    expect(sniff('WEBVTTX is not a signature', 'call.vtt')).toBe('text/plain');
  });

  it('recognises HTML after a BOM, an XML prologue or comments, whatever the extension', () => {
    expect(sniff('\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<html lang="en"><body/></html>', 'x.txt')).toBe('text/html');
  });

  it('recognises an e-mail only by real headers with From', () => {
    expect(sniff('From: a@b.c\nSubject: hi\n  continued\n\nbody', 'mail.txt')).toBe('message/rfc822');
    expect(sniff('Note: this\nTodo: that\n\nbody', 'notes.txt')).toBe('text/plain');
    expect(sniff('From: me\nhello there\n', 'x.txt')).toBe('text/plain');
  });
});
