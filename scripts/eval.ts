// `npm run eval`: the classification, fields, search and ask evaluations one after the other (each is heavy: never at once),
// and every figure they print in eval/results/<date>.md. `npm run eval -- search` runs some parts only; their
// sections of the day's file are replaced and the others kept, so a loaded machine can run the parts one at a time.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

interface Part {
  name: string;
  script: string;
  /** The report the evaluation writes itself; without one, its output is the report. */
  report?: string;
}

const parts: Part[] = [
  { name: 'classification', script: 'eval:classify' },
  { name: 'fields', script: 'eval:fields', report: 'eval/results/fields.md' },
  { name: 'search', script: 'eval:search', report: 'eval/results/search.md' },
  { name: 'ask', script: 'eval:ask', report: 'eval/results/ask.md' },
];

function run(script: string): Promise<{ ok: boolean; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ ok: code === 0, output, seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

const begin = (name: string) => `<!-- eval:${name} -->`;
const end = (name: string) => `<!-- /eval:${name} -->`;

function section(part: Part, result: { ok: boolean; output: string; seconds: number }, commit: string): string {
  const body =
    result.ok && part.report && existsSync(join(root, part.report))
      ? readFileSync(join(root, part.report), 'utf8')
          .replace(/^# .*\n/, '')
          .trim()
      : ['```', result.output.trim(), '```'].join('\n');
  const status = result.ok ? 'passed' : 'FAILED (exit status not 0)';
  const header = `## ${part.name}\n\n\`npm run ${part.script}\` at ${commit}, ${new Date().toISOString()}, ${result.seconds} s: ${status}`;
  return [begin(part.name), header, '', body, end(part.name)].join('\n');
}

async function main(): Promise<number> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !parts.some((part) => part.name === name));
  if (unknown.length > 0) {
    console.error(`unknown part(s) ${unknown.join(', ')}; the parts are ${parts.map((part) => part.name).join(', ')}`);
    return 2;
  }
  const chosen = asked.length > 0 ? parts.filter((part) => asked.includes(part.name)) : parts;
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  const file = join(root, 'eval/results', `${new Date().toISOString().slice(0, 10)}.md`);
  let text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : `# Evaluation of ${new Date().toISOString().slice(0, 10)}\n\nWritten by \`npm run eval\`; each section by its own evaluation.\n`;
  let failed = false;
  for (const part of chosen) {
    console.log(`\n$ npm run ${part.script}`);
    const result = await run(part.script);
    failed ||= !result.ok;
    const fresh = section(part, result, commit);
    const [from, to] = [text.indexOf(begin(part.name)), text.indexOf(end(part.name))];
    text =
      from >= 0 && to > from ? text.slice(0, from) + fresh + text.slice(to + end(part.name).length) : `${text.trimEnd()}\n\n${fresh}\n`;
    writeFileSync(file, text);
  }
  console.log(`\nwritten: ${file}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
