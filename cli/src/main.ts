import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiClient } from './api-client';
import { ask } from './commands/ask';
import { exportDocuments } from './commands/export';
import { search } from './commands/search';
import { status } from './commands/status';
import { upload } from './commands/upload';
import { watch } from './commands/watch';
import { CliError, EXIT, usageError } from './exit-codes';
import { HELP } from './help';

type Options = NonNullable<ParseArgsConfig['options']>;

const GLOBAL: Options = {
  url: { type: 'string' },
  key: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

interface Command {
  options: Options;
  run: (api: ApiClient, positionals: string[], values: Record<string, string | boolean | undefined>) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  upload: {
    options: {
      tags: { type: 'string', default: '' },
      concurrency: { type: 'string', default: '4' },
      wait: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '600' },
    },
    run: upload,
  },
  search: {
    options: {
      mode: { type: 'string', default: 'hybrid' },
      type: { type: 'string' },
      tag: { type: 'string' },
      size: { type: 'string', default: '10' },
    },
    run: search,
  },
  ask: {
    options: {
      type: { type: 'string' },
      tag: { type: 'string' },
      passages: { type: 'string' },
      sentences: { type: 'string' },
    },
    run: ask,
  },
  status: { options: {}, run: status },
  export: { options: { status: { type: 'string' }, type: { type: 'string' }, tag: { type: 'string' } }, run: exportDocuments },
  watch: {
    options: {
      tags: { type: 'string', default: '' },
      once: { type: 'boolean', default: false },
      'settle-ms': { type: 'string', default: '2000' },
      timeout: { type: 'string', default: '600' },
    },
    run: watch,
  },
};

/** Runs one command line and answers its exit code (see exit-codes.ts); never throws. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  try {
    const command = COMMANDS[name];
    if (!command) throw usageError(`Unknown command "${name}"; run docpipe --help`);
    const { values, positionals } = parse(rest, command.options);
    if (values.help) {
      process.stdout.write(HELP);
      return EXIT.ok;
    }
    return await command.run(new ApiClient(connection(values, env)), positionals, values);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`docpipe: ${error.message}\n`);
    return error.exitCode;
  }
}

function parse(args: string[], options: Options): ReturnType<typeof parseArgs> & { values: Record<string, string | boolean | undefined> } {
  try {
    return parseArgs({ args, options: { ...GLOBAL, ...options }, allowPositionals: true, strict: true }) as ReturnType<typeof parse>;
  } catch (error) {
    throw usageError(`${(error as Error).message}; run docpipe --help`);
  }
}

function connection(values: Record<string, unknown>, env: NodeJS.ProcessEnv): { url: string; apiKey: string } {
  const url = (values.url as string | undefined) ?? env.DOCPIPE_URL ?? 'http://localhost:3000';
  const apiKey = (values.key as string | undefined) ?? env.DOCPIPE_API_KEY;
  if (!apiKey) throw usageError('No API key: set DOCPIPE_API_KEY or pass --key <key> (locally `npm start` accepts dev-key)');
  if (!URL.canParse(url)) throw usageError(`--url / DOCPIPE_URL is not a URL: ${url}`);
  return { url, apiKey };
}
