import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost, Fleet, type IsolatedDatabase, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';

const BIN = join(__dirname, '..', 'bin', 'docpipe.js');

const invoice = [
  'INVOICE',
  'Invoice number: INV-7731',
  'Date: 2 February 2026',
  'Vendor: Lakeside Print Shop',
  'Description: 500 letterpress business cards',
  'Total due: EUR 240.00',
].join('\n');
const letter =
  'Dear Mr Hale,\n\nThank you for the lovely walk along the canal and the tour of the old lock keeper cottage.\n\nWarm regards,\nIda';
const notes = '# Meeting notes\n\nThe garden committee agreed to plant three apple trees beside the greenhouse in spring.';
// An executable's header: no reader for it, so the gateway refuses it at the door.
const program = Buffer.concat([Buffer.from('MZ'), randomBytes(2048)]);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the docpipe command line against the whole pipeline', () => {
  const tenant = 'cli-test';
  const key = `key-cli-${randomBytes(8).toString('hex')}`;
  let vhost: IsolatedVhost;
  let database: IsolatedDatabase;
  let work: string;
  let fleet: Fleet;
  let docpipe: (...args: string[]) => Promise<Run>;

  beforeAll(async () => {
    [vhost, database, work] = await Promise.all([isolatedVhost('cli'), isolatedDatabase('cli'), mkdtemp(join(tmpdir(), 'docpipe-cli-'))]);
    const env = {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: database.url,
      LANCE_DIR: join(work, 'lance'),
      API_KEYS: `${tenant}:${key}`,
      OLLAMA_HOST: '',
      OPENSEARCH_URL: '',
      LOG_LEVEL: 'warn',
    };
    fleet = await Fleet.start(env, () => undefined);
    docpipe = (...args) => run(args, { ...process.env, DOCPIPE_URL: fleet.url('gateway'), DOCPIPE_API_KEY: key });
    await mkdir(join(work, 'inbox', 'nested'), { recursive: true });
    await Promise.all([
      writeFile(join(work, 'inbox', 'invoice-7731.txt'), invoice),
      writeFile(join(work, 'inbox', 'canal-letter.txt'), letter),
      writeFile(join(work, 'inbox', 'nested', 'garden.md'), notes),
      writeFile(join(work, 'inbox', 'tool.exe'), program),
    ]);
  }, 300_000);

  afterAll(async () => {
    await fleet?.stop();
    await Promise.all([vhost?.remove(), database?.drop(), work && rm(work, { recursive: true, force: true })]);
    const store = new ObjectStore(loadConfig(storageConfigSchema));
    for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenant}/`);
  });

  it('uploads a folder recursively, follows every file to its outcome and exits 1 because one file was rejected', async () => {
    const { code, stdout } = await docpipe('upload', join(work, 'inbox'), '--tags', 'cli,batch', '--wait', '--json');
    const results = lines(stdout).map((line) => JSON.parse(line) as { path: string; status: string; documentType: string | null });
    const byName = Object.fromEntries(results.map((result) => [result.path.split('/').pop(), result]));
    expect(Object.keys(byName).sort()).toEqual(['canal-letter.txt', 'garden.md', 'invoice-7731.txt', 'tool.exe']);
    // Which type each gets is the classifier's business (its own tests); here: each was followed to the end.
    for (const name of ['invoice-7731.txt', 'canal-letter.txt', 'garden.md']) {
      expect(byName[name]).toMatchObject({ status: 'indexed', documentType: expect.any(String) });
    }
    expect(byName['tool.exe']).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/EXE .* is not accepted/) });
    expect(code).toBe(1);
  });

  it('answers the first upload again, not a copy, when the same file is uploaded twice', async () => {
    const first = await docpipe('upload', join(work, 'inbox', 'canal-letter.txt'), '--tags', 'cli,batch', '--json');
    const second = await docpipe('upload', join(work, 'inbox', 'canal-letter.txt'), '--tags', 'cli,batch', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(second.stdout).id).toBe(JSON.parse(first.stdout).id);
  });

  it('searches by meaning and prints the best document first', async () => {
    const { code, stdout } = await docpipe('search', 'bill', 'for', 'printed', 'cards', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(lines(stdout)[0]!)).toMatchObject({ fileName: 'invoice-7731.txt' });
  });

  it('answers a question with a sentence quoted from a document and its source, and says so when none answers', async () => {
    const answered = await docpipe('ask', 'what', 'did', 'the', 'garden', 'committee', 'agree', 'to', 'plant?');
    expect(answered.code).toBe(0);
    expect(answered.stdout).toMatch(/three apple trees beside the greenhouse.* \[1\]\n\n\[1\] garden\.md p\.1\t[0-9a-f-]{36}\n/);

    const declined = await docpipe('ask', 'what is the population of Mongolia?', '--json');
    expect(declined.code).toBe(0);
    expect(JSON.parse(declined.stdout)).toMatchObject({ found: false, answer: 'No answer found in your documents.', sentences: [] });

    expect((await docpipe('ask', 'anything?', '--sentences', '0')).code).toBe(2);
  });

  it('shows a document with its stages, and exports every document of a tag with its fields as JSON lines', async () => {
    const exported = await docpipe('export', '--tag', 'batch');
    expect(exported.code).toBe(0);
    const documents = lines(exported.stdout).map((line) => JSON.parse(line) as { id: string; fileName: string; fields: object });
    expect(documents.map((document) => document.fileName).sort()).toEqual([
      'canal-letter.txt',
      'garden.md',
      'invoice-7731.txt',
      'tool.exe',
    ]);
    const invoiceId = documents.find((document) => document.fileName === 'invoice-7731.txt')!.id;
    const status = await docpipe('status', invoiceId);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^indexed\\t[a-z-]+ \\d\\.\\d\\d\\t${invoiceId}\\tinvoice-7731.txt`));
    expect(status.stdout).toMatch(/extraction: done \d+ ms/);
  });

  it('consumes a folder: moves indexed files to done/, refused ones to failed/ with the reason, never uploading a file twice', async () => {
    const folder = join(work, 'consume');
    await mkdir(folder);
    await writeFile(join(folder, 'canal-letter.txt'), letter); // uploaded before: the same document answers
    await writeFile(join(folder, 'minutes.txt'), 'Minutes: the rowing club elected a new treasurer and repaired the boathouse roof.');
    await writeFile(join(folder, 'tool.exe'), program);
    const before = lines((await docpipe('export')).stdout).length;

    const { code } = await docpipe('watch', folder, '--once', '--settle-ms', '300', '--tags', 'consumed');

    expect(code).toBe(1);
    expect((await readdir(join(folder, 'done'))).sort()).toEqual(['canal-letter.txt', 'minutes.txt']);
    expect((await readdir(join(folder, 'failed'))).sort()).toEqual(['tool.exe', 'tool.exe.reason.txt']);
    expect(await readFile(join(folder, 'failed', 'tool.exe.reason.txt'), 'utf8')).toMatch(/EXE .* is not accepted/);
    expect((await readdir(folder)).sort()).toEqual(['done', 'failed']);
    // minutes.txt, and tool.exe again: a rejected document does not hold its content's place.
    expect(lines((await docpipe('export')).stdout)).toHaveLength(before + 2);
  });

  it('exits 2 on a wrong command line and 3 when the key is refused or the gateway is unreachable', async () => {
    expect((await docpipe('frobnicate')).code).toBe(2);
    expect((await docpipe('upload')).code).toBe(2);
    const refused = await run(['status'], { ...process.env, DOCPIPE_URL: fleet.url('gateway'), DOCPIPE_API_KEY: 'wrong-key' });
    expect(refused).toMatchObject({ code: 3, stderr: expect.stringMatching(/401/) });
    const unreachable = await run(['status'], { ...process.env, DOCPIPE_URL: 'http://127.0.0.1:9', DOCPIPE_API_KEY: key });
    expect(unreachable).toMatchObject({ code: 3, stderr: expect.stringMatching(/Cannot reach the gateway/) });
  });
});

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 200_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
