// npm run test:containers: the compose stack for real, under podman, with what cannot be pulled made locally.
// Makes the base and infra images (kept between runs), builds the eight service images, starts the stack
// (docker-compose-microservices.yml + deploy/compose.offline.yml), waits for every healthcheck, then through
// the containers: uploads, follows to indexed, searches, watches progress on a socket, scales extraction to 3
// and checks the work spreads, kills a worker mid-run and checks nothing is lost. Tears it all down.
// Between the first document and the scaling: a scan, a PDF, a Word document, an RTF and a workbook go through the
// extraction image to indexed, and keyword search finds each by a word only its content holds.
// Needs podman, runc, podman-compose, buildah, debootstrap and uidmap (README, "Containers without a registry").
import { buildServiceImages, ensureInfraImages, INFRA_IMAGES, NODE_IMAGE, BASE_IMAGE, SERVICES, serviceImage } from './images';
import { imageSizeMb, podman, secondsSince, sleep, writeContainersConf } from './podman';
import { offlineStack } from './stack';
import { watchTimelines, uploadAll, uploadFiles, waitIndexed, searchFor } from './pipeline-client';
import { sampleDocuments } from './sample-documents';

const started = Date.now();
const log = (line: string) => process.stdout.write(`[containers +${secondsSince(started)}s] ${line}` + '\n');
const figures: string[] = [];
const figure = (line: string) => {
  figures.push(line);
  log(line);
};

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`check failed: ${message}`);
}

async function main(): Promise<void> {
  process.env['CONTAINERS_CONF'] = writeContainersConf();
  let phase = Date.now();
  await ensureInfraImages(log);
  figure(`base and infra images ready in ${secondsSince(phase)} s`);
  phase = Date.now();
  const buildSeconds = await buildServiceImages(log);
  figure(`service images built in ${secondsSince(phase)} s (${[...buildSeconds].map(([service, s]) => `${service} ${s}`).join(', ')})`);
  for (const image of [BASE_IMAGE, NODE_IMAGE, ...Object.values(INFRA_IMAGES), ...SERVICES.map(serviceImage)]) {
    figure(`image ${image}: ${await imageSizeMb(image)} MB`);
  }

  const stack = await offlineStack();
  await stack.down(); // what an interrupted run left behind
  try {
    phase = Date.now();
    await stack.up(1, 300_000);
    await stack.waitHealthy(300_000);
    figure(`stack up and healthy in ${secondsSince(phase)} s`);

    const timelines = await watchTimelines(stack.notificationUrl);
    try {
      phase = Date.now();
      const [first] = await uploadAll(stack.gatewayUrl, 1, 'first');
      check(first !== undefined, 'the upload answered a document id');
      await waitIndexed(stack.gatewayUrl, [first as string], 180_000);
      figure(`upload -> indexed through the containers: ${secondsSince(phase)} s`);
      const hits = await searchFor(stack.gatewayUrl, 'first');
      check(hits.includes(first as string), `search finds the document (got ${hits.join(', ') || 'nothing'})`);
      const seen = timelines.stagesOf(first as string);
      check(seen.length > 0, 'the notification socket pushed progress of the document');
      log(`socket saw ${seen.join(' -> ')}`);

      phase = Date.now();
      const samples = await sampleDocuments();
      const sampleIds = await uploadFiles(stack.gatewayUrl, samples);
      await waitIndexed(stack.gatewayUrl, sampleIds, 300_000);
      figure(`${samples.map((sample) => sample.name).join(', ')} -> indexed: ${secondsSince(phase)} s`);
      for (const [i, sample] of samples.entries()) {
        const found = await searchFor(stack.gatewayUrl, sample.word, 'keyword');
        check(
          found.includes(sampleIds[i] as string),
          `keyword search for "${sample.word}" finds ${sample.name} (got ${found.join(', ') || 'nothing'})`,
        );
      }

      await stack.up(3, 180_000);
      await stack.waitHealthy(180_000);
      const extractors = await stack.containers('extraction');
      check(extractors.length === 3, `three extraction containers (got ${extractors.join(', ')})`);
      const spread = await uploadAll(stack.gatewayUrl, 12, 'spread');
      await waitIndexed(stack.gatewayUrl, spread, 300_000);
      const handled = await Promise.all(extractors.map((name) => countExtracted(name, spread)));
      figure(`12 documents over 3 extraction copies: ${handled.join(' / ')}`);
      check(handled.filter((count) => count > 0).length >= 2, 'the work spreads over more than one extraction container');

      // The victim is frozen before the upload, so the broker's deliveries to it wait unacknowledged in its
      // prefetch while the other copies do the rest; then it dies holding them, which is what must not lose work.
      const victim = extractors[0] as string;
      await podman(['pause', victim]);
      const batch = await uploadAll(stack.gatewayUrl, 20, 'killed');
      const held = await heldByFrozenWorker(120_000);
      await podman(['kill', '--signal', 'KILL', victim]);
      figure(`killed ${victim} holding ${held} unacknowledged deliveries of the 20 documents`);
      phase = Date.now();
      await waitIndexed(stack.gatewayUrl, batch, 300_000);
      figure(`all 20 documents indexed after the kill (${secondsSince(phase)} s)`);
    } finally {
      timelines.close();
    }
  } catch (error) {
    for (const name of await stack.containers()) {
      const logs = await stack.logs(name);
      process.stderr.write(`--- ${name} (last lines)\n${logs.split('\n').slice(-15).join('\n')}\n`);
    }
    throw error;
  } finally {
    phase = Date.now();
    await stack.down();
    figure(`torn down (containers, volumes, network) in ${secondsSince(phase)} s`);
  }

  /** Waits until the extraction queue has nothing ready and the same deliveries unacknowledged on two reads a
   * second apart: the live copies are done, what is left is the frozen worker's. */
  async function heldByFrozenWorker(timeoutMs: number): Promise<number> {
    const [broker] = await stack.containers('rabbitmq');
    const until = Date.now() + timeoutMs;
    let previous = 0;
    for (;;) {
      const { stdout } = await podman([
        'exec',
        broker as string,
        'rabbitmqctl',
        '-q',
        'list_queues',
        'name',
        'messages_ready',
        'messages_unacknowledged',
      ]);
      const row = stdout.split('\n').find((line) => line.startsWith('extraction.extract-text\t'));
      const [, ready, unacked] = (row ?? '').split('\t').map(Number);
      if (ready === 0 && (unacked ?? 0) > 0 && unacked === previous) return unacked;
      previous = ready === 0 ? (unacked ?? 0) : 0;
      check(Date.now() < until, `the extraction queue never settled with only the frozen worker's deliveries (${row ?? 'no queue'})`);
      await sleep(1000);
    }
  }

  async function countExtracted(container: string, ids: string[]): Promise<number> {
    const extracted = (await stack.logs(container)).split('\n').filter((line) => line.includes('document extracted'));
    return ids.filter((id) => extracted.some((line) => line.includes(id))).length;
  }
}

main().then(
  () => {
    process.stdout.write(`\ntest:containers passed in ${secondsSince(started)} s\n${figures.map((line) => `  ${line}`).join('\n')}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
