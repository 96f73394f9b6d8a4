import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The boundaries are kept by lint (eslint.config.mjs, the Nx tags in each package.json): this proves the rules
// fire on the imports they exist to refuse, linting probe text as if it were a file of the named project.
const probes = [
  { filePath: 'services/search/src/probe.ts', code: "import { z } from '@docpipe/events';" },
  { filePath: 'services/search/src/probe.ts', code: "import { configSchema } from '@docpipe/indexing';" },
  { filePath: 'services/search/src/probe.ts', code: "import { chunkPages } from '../../indexing/src/chunker';" },
  { filePath: 'services/search/src/probe.ts', code: "import { z } from '@docpipe/events/src/contracts';" },
  { filePath: 'web/src/probe.ts', code: "import { createLogger } from '@docpipe/platform';" },
  { filePath: 'services/classification/test/probe.ts', code: "import { Fleet } from '@docpipe/stack';" },
  { filePath: 'services/classification/scripts/probe.ts', code: "import { layoutPageText } from '@docpipe/extraction';" },
  { filePath: 'services/classification/src/probe.ts', code: "import { layoutPageText } from '@docpipe/extraction';" },
  { filePath: 'shared/contracts/src/probe.ts', code: "import { AppError } from '@docpipe/platform';" },
  { filePath: 'web/src/probe.ts', code: "import { documentStatuses } from '@docpipe/contracts';" },
  { filePath: 'web/src/probe.ts', code: "import { EventPublisher } from '@docpipe/events';" },
].map(({ filePath, code }) => ({ filePath, code: `${code}\nexport const probe = [${/\{ (\w+) \}/.exec(code)?.[1]}];\n` }));

const [
  serviceToContract,
  serviceToService,
  serviceToServiceFile,
  deepImport,
  appToRuntime,
  serviceTestToTooling,
  serviceScriptToService,
  serviceSourceToService,
  contractToRuntime,
  appToContract,
  appToEvents,
] = JSON.parse(
  execFileSync(process.execPath, [join(__dirname, 'support', 'lint-probes.js')], { input: JSON.stringify(probes), encoding: 'utf8' }),
) as string[][];

describe('module boundaries in lint', () => {
  it('lets a service import contracts and runtime libraries', () => {
    expect(serviceToContract).toEqual([]);
  });

  it('refuses a service importing another service', () => {
    expect(serviceToService).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: A project tagged with "type:service" can only depend on/),
    ]);
    expect(serviceSourceToService).toEqual(serviceToService);
  });

  it("refuses a service reaching into another service's files by a relative path", () => {
    expect(serviceToServiceFile).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: Projects cannot be imported by a relative or absolute path/),
    ]);
  });

  it("refuses a deep import past a library's public entry point", () => {
    expect(deepImport).toEqual([expect.stringMatching(/^no-restricted-imports: .*public entry point/)]);
  });

  it('refuses the web app importing a runtime library', () => {
    expect(appToRuntime).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: A project tagged with "type:app" can only depend on/),
    ]);
  });

  it("lets a service's tests start the stack and its offline scripts read another service's entry point", () => {
    expect(serviceTestToTooling).toEqual([]);
    expect(serviceScriptToService).toEqual([]);
  });

  it('refuses a contract depending on any project of ours, and lets the web app read contracts but not the broker runtime', () => {
    expect(contractToRuntime).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: A project tagged with "type:contract" cannot depend on any libs with tags/),
    ]);
    expect(appToContract).toEqual([]);
    expect(appToEvents).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: A project tagged with "type:app" can only depend on/),
    ]);
  });
});
