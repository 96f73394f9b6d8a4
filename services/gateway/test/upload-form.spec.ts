import { summarise } from '../src/uploads/upload-answer';
import { parseUploadFields } from '../src/uploads/upload-fields';

describe('the form fields of an upload', () => {
  const parse = (fields: Record<string, string>) => parseUploadFields(new Map(Object.entries(fields)));

  it('takes tags as a comma list or a JSON array, trimmed and without repeats', () => {
    expect(parse({ tags: ' finance, 2026 ,finance,' }).tags).toEqual(['finance', '2026']);
    expect(parse({ tags: '["a b", "c"]' }).tags).toEqual(['a b', 'c']);
    expect(parse({}).tags).toEqual([]);
  });

  it('takes metadata as a JSON object', () => {
    expect(parse({ metadata: '{"source":"scanner-3","pages":2}' }).metadata).toEqual({ source: 'scanner-3', pages: 2 });
    expect(parse({ metadata: '' }).metadata).toEqual({});
  });

  it.each([
    [{ tags: '["a", 1]' }, /tags/],
    [{ tags: 'x'.repeat(65) }, /64 characters/],
    [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`).join(',') }, /at most 50 tags/],
    [{ metadata: '"text"' }, /JSON object/],
    [{ metadata: 'null' }, /JSON object/],
    [{ owner: 'me' }, /Unknown form field owner/],
  ])('refuses %j', (fields, message) => {
    expect(() => parse(fields)).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid_request', message: expect.stringMatching(message) }),
    );
  });
});

describe('the answer to an upload', () => {
  const taken = {
    fileName: 'a.txt',
    id: '3f1c9a52-7a3e-4d1b-9a57-0c7f2b4e8d10',
    status: 'queued' as const,
    mediaType: 'text/plain',
    statusUrl: '/x',
    correlationId: 'c',
  };
  const refused = (code: string) => ({ fileName: 'b.pdf', error: { code, message: `${code}!` } });

  it('is 202 when at least one file was taken, listing the refused ones with their reason', () => {
    expect(summarise([taken, refused('unsupported_media_type')])).toEqual({
      status: 202,
      body: { documents: [taken, refused('unsupported_media_type')] },
    });
  });

  it('carries the status and error of a single refused file', () => {
    expect(summarise([refused('unsupported_media_type')])).toMatchObject({
      status: 415,
      body: { error: { code: 'unsupported_media_type' } },
    });
    expect(summarise([refused('empty_file')])).toMatchObject({ status: 400, body: { error: { code: 'empty_file' } } });
  });

  it('is 503 when every file failed and an outage is among the reasons, 400 for other mixed refusals', () => {
    expect(summarise([refused('timeout'), refused('empty_file')])).toMatchObject({
      status: 503,
      body: { error: { code: 'files_rejected' } },
    });
    expect(summarise([refused('unsupported_media_type'), refused('empty_file')])).toMatchObject({ status: 400 });
    expect(summarise([refused('empty_file'), refused('empty_file')])).toMatchObject({
      status: 400,
      body: { error: { code: 'files_rejected' } },
    });
  });
});
