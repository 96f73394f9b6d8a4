// Lints probe texts as files of the named projects with the repository's ESLint config, in its own process: ESLint
// loads eslint.config.mjs by a dynamic import, which jest's module system refuses. Reads [{ filePath, code }] on
// stdin (paths relative to the repository), writes the problems of each as "rule: message" lines in JSON.
const { join } = require('node:path');
const { ESLint } = require('eslint');

const repoRoot = join(__dirname, '..', '..', '..');

async function main() {
  const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  // A probe is text, not a file in a tsconfig: the rules that need type information cannot read it, and are not probed.
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const problems = [];
  for (const { filePath, code } of probes) {
    const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
    problems.push(result.messages.map((message) => `${message.ruleId}: ${message.message}`));
  }
  process.stdout.write(JSON.stringify(problems));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
