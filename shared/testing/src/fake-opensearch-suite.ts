import { FakeOpenSearch } from './fake-opensearch';

interface Closable {
  close(): Promise<void>;
}

export interface FakeOpenSearchSuite {
  /** The server; it only exists once beforeAll has run, so read it inside a test or hook. */
  cluster(): FakeOpenSearch;
  /** Closes what a test opened on the server (an index, a serving index) once that test is over. */
  closeAfterEach<T extends Closable>(opened: T): T;
}

/**
 * Gives the enclosing describe block a server answering like OpenSearch: started once, reset before each test,
 * closed after all; what a test opened on it is closed after that test.
 */
export function useFakeOpenSearch(): FakeOpenSearchSuite {
  let fake: FakeOpenSearch | undefined;
  const opened: Closable[] = [];
  const cluster = (): FakeOpenSearch => {
    if (!fake) throw new Error('The fake OpenSearch is started in beforeAll: read it inside a test or hook');
    return fake;
  };
  beforeAll(async () => {
    fake = await FakeOpenSearch.start();
  });
  afterAll(() => fake?.close());
  beforeEach(() => cluster().reset());
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((closable) => closable.close()));
  });
  return {
    cluster,
    closeAfterEach: (closable) => {
      opened.push(closable);
      return closable;
    },
  };
}
