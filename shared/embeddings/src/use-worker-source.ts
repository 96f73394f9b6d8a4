/**
 * The worker thread's program, as plain JavaScript run with `eval: true`: the same code then runs under the
 * services' compiled output and under the TypeScript test runner, with no separate build step for a worker
 * file. The model packages are resolved by the main thread and passed in `workerData`, so resolution never
 * depends on the worker's current directory.
 */
export const USE_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { initModel } = require(workerData.embeddingsModule);
const { modelSource } = require(workerData.modelModule);

const ready = initModel(modelSource);
ready.then(
  () => parentPort.postMessage({ type: 'ready' }),
  (error) => parentPort.postMessage({ type: 'failed', message: String(error && error.stack || error) }),
);

parentPort.on('message', async ({ id, texts }) => {
  try {
    const model = await ready;
    const rows = await model.embed(texts);
    const vectors = new Float32Array(rows.length * workerData.dimensions);
    rows.forEach((row, i) => vectors.set(row, i * workerData.dimensions));
    parentPort.postMessage({ type: 'result', id, vectors }, [vectors.buffer]);
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, message: String(error && error.stack || error) });
  }
});
`;
