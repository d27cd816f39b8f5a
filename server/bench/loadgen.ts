/**
 * A load-generator process (forked by the runner, one of several): it hosts a share of the
 * benchmark's clients, drives them on the runner's schedule and reports raw measurements.
 *
 * Edit latency: each writer calls the real `moveCard` (drag, no re-level) `updatesPerSecond`
 * times a second with `now` = the shared clock, so the card's `updatedAt` carries the send
 * time. A receiver, on every transaction applied from the network, reads each writer's clock
 * advance (two items per move) and the card's `updatedAt`, and records arrival − send.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { addCard, cardsMap, moveCard } from '@fire-triangle/shared';
import * as Y from 'yjs';
import { ITEMS_PER_MOVE, writerCardId, writerClientId } from './board-content.ts';
import { BenchClient } from './client.ts';
import {
  type EditClientSpec,
  type LoadGenMessage,
  type ReceiverReport,
  type RunnerMessage,
  sharedNow,
  type WriterReport,
} from './loadgen-protocol.ts';

function reply(message: LoadGenMessage): void {
  process.send?.(message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface EditReceiver {
  spec: EditClientSpec;
  client: BenchClient;
  receivedByWriter: Record<number, number>;
}

interface EditRun {
  writerCount: number;
  receivers: EditReceiver[];
  latencies: number[];
  merged: number;
  window: { measureFrom: number; endAt: number; periodMs: number } | null;
  writerReports: WriterReport[];
  timers: NodeJS.Timeout[];
}

let edit: EditRun | null = null;
let stormClients: BenchClient[] = [];

function onRemoteTransaction(run: EditRun, receiver: EditReceiver, transaction: Y.Transaction) {
  const window = run.window;
  if (!window) return;
  const arrival = sharedNow();
  for (let writerIndex = 0; writerIndex < run.writerCount; writerIndex += 1) {
    if (writerIndex === receiver.spec.writerIndex) continue;
    const clientId = writerClientId(writerIndex);
    const advance =
      (transaction.afterState.get(clientId) ?? 0) - (transaction.beforeState.get(clientId) ?? 0);
    if (advance <= 0) continue;
    const moves = Math.round(advance / ITEMS_PER_MOVE);
    const card = cardsMap(receiver.client.doc).get(writerCardId(writerIndex));
    const sentAt = card?.get('updatedAt');
    if (typeof sentAt !== 'number') continue;
    // Several moves in one transaction means the server merged them; only the last one's
    // timestamp is readable, the earlier ones were sent one period apart before it.
    run.merged += moves - 1;
    for (let k = 0; k < moves; k += 1) {
      const sent = sentAt - k * window.periodMs;
      if (sent < window.measureFrom || sent >= window.endAt) continue;
      run.latencies.push(arrival - sent);
      receiver.receivedByWriter[writerIndex] = (receiver.receivedByWriter[writerIndex] ?? 0) + 1;
    }
  }
}

async function editConnect(message: Extract<RunnerMessage, { kind: 'edit-connect' }>) {
  const run: EditRun = {
    writerCount: message.writerCount,
    receivers: [],
    latencies: [],
    merged: 0,
    window: null,
    writerReports: [],
    timers: [],
  };
  edit = run;
  for (const spec of message.clients) {
    const receiver: EditReceiver = {
      spec,
      receivedByWriter: {},
      client: null as unknown as BenchClient,
    };
    const { spreadUrls } = message.address;
    const address = spreadUrls
      ? { ...message.address, url: spreadUrls[spec.index % spreadUrls.length]! }
      : message.address;
    receiver.client = new BenchClient(address, {
      applyDocument: true,
      onRemoteTransaction: (transaction) => onRemoteTransaction(run, receiver, transaction),
      ...(spec.writerIndex === null ? {} : { clientId: writerClientId(spec.writerIndex) }),
    });
    run.receivers.push(receiver);
  }
  const results = await Promise.allSettled(run.receivers.map(({ client }) => client.connect()));
  const errors = results.flatMap((result) =>
    result.status === 'rejected' ? [String(result.reason?.message ?? result.reason)] : [],
  );
  reply({ kind: 'edit-connected', errors });
}

async function editPrepare() {
  const run = edit!;
  for (const { spec, client } of run.receivers) {
    if (spec.writerIndex === null) continue;
    if (cardsMap(client.doc).has(writerCardId(spec.writerIndex))) continue;
    addCard(client.doc, {
      id: writerCardId(spec.writerIndex),
      lane: 'plan',
      title: `Dragged by writer ${spec.writerIndex}`,
      now: sharedNow(),
    });
  }
  // Ready when every client sees every writer's card (the room is in a known state).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const missing = run.receivers.some(({ client }) => {
      const cards = cardsMap(client.doc);
      for (let w = 0; w < run.writerCount; w += 1) if (!cards.has(writerCardId(w))) return true;
      return false;
    });
    if (!missing) break;
    if (Date.now() > deadline) throw new Error('writer cards did not reach every client in 60 s');
    await sleep(20);
  }
  reply({ kind: 'edit-prepared' });
}

function startWriter(
  run: EditRun,
  receiver: EditReceiver,
  go: Extract<RunnerMessage, { kind: 'edit-go' }>,
): void {
  const writerIndex = receiver.spec.writerIndex!;
  const report: WriterReport = { writerIndex, finalClock: 0, measuredSent: 0, skipped: 0 };
  run.writerReports.push(report);
  const periodMs = 1000 / go.updatesPerSecond;
  // Writers are spread over the period so they do not all fire on the same tick.
  const phase = (writerIndex / run.writerCount) * periodMs;
  let tick = 0;
  const cardId = writerCardId(writerIndex);
  const step = () => {
    const now = sharedNow();
    if (now >= go.endAt) {
      report.finalClock = Y.getState(receiver.client.doc.store, receiver.client.doc.clientID);
      return;
    }
    const angle = tick / 10 + writerIndex;
    const doc = receiver.client.doc;
    // A drag frame's moveCard writes the position only (issue #11): the send time rides in the
    // card's `updatedAt`, written here in the same transaction — two items per move, as before.
    doc.transact(() => {
      moveCard(
        doc,
        cardId,
        { x: 1500 + Math.cos(angle) * 300, y: 1100 + Math.sin(angle) * 100 },
        { relevel: false, now },
      );
      cardsMap(doc).get(cardId)?.set('updatedAt', now);
    });
    if (now >= go.measureFrom) report.measuredSent += 1;
    tick += 1;
    let next = go.startAt + phase + tick * periodMs;
    const after = sharedNow();
    // Never burst to catch up: a late generator skips ticks (and says so).
    while (next < after) {
      next += periodMs;
      tick += 1;
      report.skipped += 1;
    }
    run.timers.push(setTimeout(step, next - after));
  };
  run.timers.push(setTimeout(step, go.startAt + phase - sharedNow()));
}

function startCursors(run: EditRun, go: Extract<RunnerMessage, { kind: 'edit-go' }>): void {
  if (go.cursorHz <= 0) return;
  // Ten groups, one group per tick: presence is spread evenly over each cursor period.
  const groups = 10;
  const tickMs = 1000 / go.cursorHz / groups;
  let tick = 0;
  const step = () => {
    const now = sharedNow();
    if (now >= go.endAt) return;
    const group = tick % groups;
    for (const { spec, client } of run.receivers) {
      if (spec.index % groups !== group) continue;
      const angle = tick / 40 + spec.index;
      client.sendCursor(
        1600 + Math.cos(angle) * 800,
        1000 + Math.sin(angle) * 600,
        `p${spec.index}`,
      );
    }
    tick += 1;
    run.timers.push(setTimeout(step, Math.max(0, go.startAt + tick * tickMs - sharedNow())));
  };
  run.timers.push(setTimeout(step, go.startAt - sharedNow()));
}

async function editGo(go: Extract<RunnerMessage, { kind: 'edit-go' }>) {
  const run = edit!;
  run.window = {
    measureFrom: go.measureFrom,
    endAt: go.endAt,
    periodMs: 1000 / go.updatesPerSecond,
  };
  for (const receiver of run.receivers) {
    if (receiver.spec.writerIndex !== null) startWriter(run, receiver, go);
  }
  startCursors(run, go);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  await sleep(go.measureFrom - sharedNow());
  loopDelay.enable();
  const cpuStart = process.cpuUsage();
  const wallStart = sharedNow();
  await sleep(go.endAt - sharedNow() + 20);
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuStart);
  const wall = sharedNow() - wallStart;
  runStats = {
    eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
  };
  // Writers record their final clock on their first tick past the end.
  const deadline = Date.now() + 5_000;
  while (run.writerReports.some((report) => report.finalClock === 0) && Date.now() < deadline) {
    await sleep(10);
  }
  reply({ kind: 'edit-sent', writers: run.writerReports });
}

let runStats = { eventLoopDelayP99Ms: 0, cpuPercent: 0 };

async function editFinish(message: Extract<RunnerMessage, { kind: 'edit-finish' }>) {
  const run = edit!;
  const isComplete = (receiver: EditReceiver) => {
    const { doc } = receiver.client;
    for (const [writerClient, finalClock] of Object.entries(message.finalClocks)) {
      const clientId = Number(writerClient);
      if (clientId === doc.clientID) continue;
      if (Y.getState(doc.store, clientId) < finalClock) return false;
    }
    return true;
  };
  const deadline = sharedNow() + message.drainMs;
  while (sharedNow() < deadline && !run.receivers.every(isComplete)) await sleep(20);
  const receivers: ReceiverReport[] = run.receivers.map((receiver) => ({
    index: receiver.spec.index,
    writerIndex: receiver.spec.writerIndex,
    receivedByWriter: receiver.receivedByWriter,
    complete: isComplete(receiver),
    awarenessIn: receiver.client.counters.awarenessIn,
    closed: receiver.client.closed,
  }));
  reply({
    kind: 'edit-result',
    latencies: run.latencies,
    merged: run.merged,
    receivers,
    ...runStats,
  });
}

async function editClose() {
  const run = edit;
  if (run) {
    for (const timer of run.timers) clearTimeout(timer);
    for (const { client } of run.receivers) client.close();
    edit = null;
  }
  await sleep(50);
  reply({ kind: 'edit-closed' });
}

async function storm(message: Extract<RunnerMessage, { kind: 'storm' }>) {
  const timesMs: (number | null)[] = [];
  const errors: string[] = [];
  stormClients = message.startTimes.map(
    () => new BenchClient(message.address, { applyDocument: false }),
  );
  await Promise.all(
    stormClients.map(async (client, index) => {
      await sleep(message.startTimes[index]! - sharedNow());
      const started = sharedNow();
      try {
        await client.connect(message.timeoutMs);
        timesMs[index] = sharedNow() - started;
      } catch (error) {
        timesMs[index] = null;
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }),
  );
  reply({
    kind: 'storm-result',
    timesMs,
    errors,
    syncStep2Bytes: stormClients.map((client) => client.counters.syncStep2Bytes),
  });
}

async function stormClose() {
  for (const client of stormClients) client.close();
  stormClients = [];
  await sleep(50);
  reply({ kind: 'storm-closed' });
}

async function handle(message: RunnerMessage): Promise<void> {
  switch (message.kind) {
    case 'edit-connect':
      return editConnect(message);
    case 'edit-prepare':
      return editPrepare();
    case 'edit-go':
      return editGo(message);
    case 'edit-finish':
      return editFinish(message);
    case 'edit-close':
      return editClose();
    case 'storm':
      return storm(message);
    case 'storm-close':
      return stormClose();
    case 'exit':
      process.exit(0);
  }
}

process.on('message', (message: RunnerMessage) => {
  handle(message).catch((error: unknown) => {
    reply({
      kind: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  });
});
process.on('disconnect', () => process.exit(0));
