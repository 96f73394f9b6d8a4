import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { jsonSchemaFiles, SCHEMAS_DIR } from '../scripts/json-schemas';

const root = join(__dirname, '..', SCHEMAS_DIR);
const committed = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? committed(join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
  );

describe('committed JSON Schemas', () => {
  const generated = jsonSchemaFiles();

  it('exist for every contract version and nothing else (regenerate: npm run schemas -w @docpipe/contracts)', () => {
    expect(committed(root).sort()).toEqual([...generated.keys()].sort());
  });

  it('say what the zod schemas say (regenerate: npm run schemas -w @docpipe/contracts)', () => {
    for (const [path, content] of generated) {
      expect({ path, schema: JSON.parse(readFileSync(join(root, path), 'utf8')) as unknown }).toEqual({
        path,
        schema: JSON.parse(content) as unknown,
      });
    }
  });

  it('describe an event as the whole message its routing key carries', () => {
    const uploaded = JSON.parse(generated.get('events/document.uploaded.v1.json') ?? '{}') as {
      properties: Record<string, { const?: unknown }>;
      required: string[];
    };
    expect(uploaded.properties.type.const).toBe('document.uploaded');
    expect(uploaded.properties.version.const).toBe(1);
    expect(uploaded.required).toEqual(expect.arrayContaining(['id', 'correlationId', 'documentId', 'payload']));
  });
});
