import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jsonSchemaFiles, SCHEMAS_DIR } from './json-schemas';

// Regenerates schemas/ from the zod contracts (a test fails while the committed copy is stale). The directory is
// rewritten whole so a removed contract's schema goes too.
const root = join(__dirname, '..', SCHEMAS_DIR);
rmSync(root, { recursive: true, force: true });
for (const [path, content] of jsonSchemaFiles()) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
