export const HELP = `docpipe — upload, follow, search, ask and export documents through a docpipe gateway

Usage: docpipe <command> [options]

Commands:
  upload <file|folder>...   upload files (folders recursively), one request per file
      --tags a,b              tags for every file
      --concurrency N         uploads at a time (default 4)
      --wait                  follow each document live until it is indexed or failed
      --timeout S             with --wait: give up after S seconds (default 600)
  search <query>...          ranked documents for a query
      --mode hybrid|semantic|keyword, --type T, --tag T, --size N
  ask <question>...          an answer quoted from your documents, each sentence with its source
      --type T, --tag T, --passages N (read, 1-20), --sentences N (at most, 1-5)
  status [id]...             one document's state per stage, or the 20 newest documents
  export                     every document with its type and fields, as JSON lines on stdout
      --status S, --type T, --tag T
  watch <folder>             a consume folder: upload what is dropped in, then move it to done/ or failed/
      --tags a,b, --settle-ms N (a file is complete once its size holds N ms; default 2000)
      --once                  handle what is there now and exit

Options for every command:
  --url URL                  the gateway (default $DOCPIPE_URL or http://localhost:3000)
  --key KEY                  the API key (default $DOCPIPE_API_KEY)
  --json                     results as JSON lines
  -h, --help

Exit codes: 0 done; 1 a document failed, was refused or cancelled; 2 wrong command line;
            3 gateway unreachable or answered an error; 4 --wait timed out.
`;
