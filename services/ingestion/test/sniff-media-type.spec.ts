import { sniffMediaType } from '../src/sniffing/sniff-media-type';

// A compound file's signature and a sector of directory: enough for the magic-number and stream-name checks.
const COMPOUND_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
function compoundFile(streamName?: string): Buffer {
  const body = Buffer.alloc(4096);
  if (streamName) body.write(streamName, 1024, 'utf16le');
  return Buffer.concat([COMPOUND_SIGNATURE, body]);
}

describe('recognising compound files (Office 97–2003 formats)', () => {
  it('takes a WordDocument stream for a Word 97–2003 document, whatever the name', async () => {
    await expect(sniffMediaType(compoundFile('WordDocument'), 'scan.bin', false)).resolves.toEqual({
      mediaType: 'application/msword',
      description: 'Word 97–2003 (DOC)',
    });
  });

  it('takes a .doc name when the directory lies past the sniffed head', async () => {
    await expect(sniffMediaType(compoundFile(), 'Minutes 1998.DOC', false)).resolves.toMatchObject({ mediaType: 'application/msword' });
  });

  it('still tells an Outlook message by its property streams', async () => {
    await expect(sniffMediaType(compoundFile('__substg1.0_0037001F'), 'mail.doc', false)).resolves.toMatchObject({
      mediaType: 'application/vnd.ms-outlook',
    });
  });

  it('leaves any other compound file unrecognised, so ingestion refuses it by name', async () => {
    await expect(sniffMediaType(compoundFile('Workbook'), 'budget.xls', false)).resolves.toEqual({
      mediaType: 'application/x-cfb',
      description: 'CFB (application/x-cfb)',
    });
  });
});

describe('recognising bitmaps', () => {
  it('takes BM with a DIB header for a bitmap, and text that starts with BM for text', async () => {
    const header = Buffer.alloc(54);
    header.write('BM', 0);
    header.writeUInt32LE(58, 2);
    header.writeUInt32LE(54, 10);
    header.writeUInt32LE(40, 14);
    header.writeInt32LE(1, 18);
    header.writeInt32LE(1, 22);
    header.writeUInt16LE(1, 26);
    header.writeUInt16LE(24, 28);
    await expect(sniffMediaType(Buffer.concat([header, Buffer.alloc(4)]), 'scan.bin', true)).resolves.toMatchObject({
      mediaType: 'image/bmp',
    });
    await expect(sniffMediaType(Buffer.from('BMW 320d service invoice, 12 March 2024'), 'BMW.txt', true)).resolves.toMatchObject({
      mediaType: 'text/plain',
    });
  });
});
