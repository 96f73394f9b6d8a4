import { startFakeOllama, type FakeOllama } from '@docpipe/stack';

/**
 * Gives the enclosing describe block a fake Ollama server: started once, reset before each test, closed after all,
 * and after each test a check that every request the test made the adapter send was a documented one (spec
 * conformance). Returns a getter, since the server only exists once beforeAll has run.
 */
export function useFakeOllama(options: Parameters<typeof startFakeOllama>[0]): () => FakeOllama {
  let ollama: FakeOllama | undefined;
  const server = (): FakeOllama => {
    if (!ollama) throw new Error('The fake Ollama is started in beforeAll: read it inside a test or hook');
    return ollama;
  };
  beforeAll(async () => {
    ollama = await startFakeOllama(options);
  });
  afterAll(() => ollama?.close());
  beforeEach(() => server().reset());
  afterEach(() => expect(server().requests.filter((request) => request.problems.length > 0)).toEqual([]));
  return server;
}
