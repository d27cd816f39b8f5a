/**
 * What running a workshop costs the people editing (issue #13, S-FAC-*): the edit-latency
 * workload (`workloads/edit-latency.ts`: 5 writers dragging, V viewers, presence from everyone)
 * on a board where 100 more participants are connected, run twice and interleaved:
 *
 * - `plain`: the 100 are connected (said `hello`) and idle — the same sockets, the same relay
 *   fan-out as below;
 * - `facilitated`: a timer runs and the 100 vote — 5 dots each every 10 s (one `set-dots`
 *   every 2 s per participant, alternately placing and removing, so 50 commands a second all
 *   run long), each answered by a reply, a `my-votes` and batched `vote-progress` frames.
 *
 * The figure is the ratio of the medians' p99 edit latency (target ≤ 1.1×), with the machine's
 * load. Then presence for 100 participants (S-FAC-PRES-3): 100 stock y-websocket providers
 * (which echo every presence change they hear back to the server) on one board, 10 of them
 * moving a cursor at 20 Hz, and the same with every state claiming a wrong role (so the server
 * stamps every one): messages and bytes each participant receives per second, and the server's
 * CPU.
 *
 *   pnpm --filter @fire-triangle/server bench:facilitation [-- --repeats 3 --viewers 50]
 *
 * Results go to bench/results/facilitation.json at the repo root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  addCard,
  encodeFrame,
  type FacilitationCommand,
  MESSAGE_TYPES,
  SERVER_FRAME_TYPES,
} from '@fire-triangle/shared';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RoomAddress } from './client.ts';
import { FULL } from './config.ts';
import { LoadGeneratorPool } from './loadgen-pool.ts';
import { PEERS, REPO_ROOT, RunningPeer } from './peers.ts';
import { type EditLatencyResult, runEditLatency } from './workloads/edit-latency.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    repeats: { type: 'string', default: '3' },
    viewers: { type: 'string', default: '50' },
    voters: { type: 'string', default: '100' },
    smoke: { type: 'boolean', default: false },
  },
});
const REPEATS = args.smoke ? 1 : Number(args.repeats);
const VIEWERS = args.smoke ? 4 : Number(args.viewers);
const VOTERS = args.smoke ? 10 : Number(args.voters);
const DOTS_PER_PERSON = 5;
/** 5 dots every 10 s: one `set-dots` per participant every 2 s. */
const DOT_PERIOD_MS = 2_000;
const VOTE_CARDS = 20;
const editConfig = args.smoke
  ? { ...FULL.edit, writers: 2, warmupMs: 300, measureMs: 1_500, drainMs: 10_000 }
  : FULL.edit;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[bench:facilitation] ${line}`);

interface Participant {
  ws: WebSocket;
  replies: number;
  refused: number;
  received: number;
  send(frame: Uint8Array): void;
}

async function openParticipant(
  peer: RunningPeer,
  boardId: string,
  token: string,
): Promise<Participant> {
  const ws = new WebSocket(
    `ws://127.0.0.1:${peer.port}/ws/${boardId}?token=${encodeURIComponent(token)}`,
  );
  const participant: Participant = {
    ws,
    replies: 0,
    refused: 0,
    received: 0,
    send: (frame) => ws.send(frame, { binary: true }),
  };
  ws.on('message', (data: Buffer) => {
    participant.received += 1;
    if (data[0] !== MESSAGE_TYPES.fireTriangle) return;
    const text = data.toString('utf8');
    if (text.includes('"type":"reply"')) {
      participant.replies += 1;
      if (text.includes('"ok":false')) participant.refused += 1;
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  participant.send(encodeFrame({ type: 'hello', accepts: [...SERVER_FRAME_TYPES] }));
  return participant;
}

let requestId = 1;
const command = (participant: Participant, command: FacilitationCommand) =>
  participant.send(encodeFrame({ type: 'command', id: requestId++, command }));

interface Arm {
  name: 'plain' | 'facilitated';
  runs: EditLatencyResult[];
  commandsPerSecond: number[];
}

/**
 * The peer as `runEditLatency` sees it, whose `createRoom` also connects the 100 participants
 * (and, facilitated, starts the timer and the vote and sets them voting). `stop` ends it.
 */
function workshopPeer(peer: RunningPeer, facilitated: boolean) {
  const participants: Participant[] = [];
  let voting = false;
  let loops: Promise<void>[] = [];
  let window = { from: 0, to: 0, replies: 0 };
  const createRoom = async (title?: string): Promise<RoomAddress> => {
    const response = await fetch(`${peer.httpBase}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: title ?? 'facilitation bench', language: 'fr' }),
    });
    const board = (await response.json()) as {
      id: string;
      tokens: { facilitator: string; editor: string };
    };
    const facilitator = await openParticipant(peer, board.id, board.tokens.facilitator);
    participants.push(facilitator);
    // The cards to vote on, sent by the facilitator as an ordinary update.
    const doc = new Y.Doc();
    const cards = Array.from({ length: VOTE_CARDS }, (_, index) =>
      addCard(doc, {
        id: `vote-${index}`,
        lane: index % 2 ? 'strategy' : 'tactic',
        title: `Idea ${index}`,
      }),
    );
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
    facilitator.send(encoding.toUint8Array(encoder));
    for (let index = 0; index < VOTERS; index++) {
      participants.push(await openParticipant(peer, board.id, board.tokens.editor));
    }
    if (facilitated) {
      command(facilitator, { name: 'timer-start', durationMs: 30 * 60_000 });
      command(facilitator, {
        name: 'vote-start',
        scope: { kind: 'cards', cards },
        dotsPerPerson: DOTS_PER_PERSON,
        maxDotsPerCard: DOTS_PER_PERSON,
        durationMs: null,
      });
      await sleep(200);
      const voteId = await currentVoteId(peer, board.id, board.tokens.editor);
      voting = true;
      loops = participants.slice(1).map(async (voter, index) => {
        // Spread over the period so the 50 commands a second arrive evenly.
        await sleep((index * DOT_PERIOD_MS) / VOTERS);
        let step = 0;
        while (voting) {
          // Place five dots (one per card, cards in turn), then take them off again.
          const round = Math.floor(step / DOTS_PER_PERSON) % 2;
          const cardId = cards[(index + (step % DOTS_PER_PERSON)) % cards.length]!;
          command(voter, { name: 'set-dots', voteId, cardId, dots: round === 0 ? 1 : 0 });
          step += 1;
          await sleep(DOT_PERIOD_MS);
        }
      });
    }
    window = { from: performance.now(), to: 0, replies: 0 };
    return {
      dialect: 'y-websocket',
      docName: board.id,
      token: board.tokens.editor,
      url: `ws://127.0.0.1:${peer.port}/ws/${board.id}?token=${encodeURIComponent(board.tokens.editor)}`,
    };
  };
  const wrapped = Object.create(peer, { createRoom: { value: createRoom } }) as RunningPeer;
  return {
    peer: wrapped,
    async stop(): Promise<{ commandsPerSecond: number; refused: number }> {
      voting = false;
      await Promise.all(loops);
      const seconds = (performance.now() - window.from) / 1000;
      const replies = participants.reduce((sum, participant) => sum + participant.replies, 0);
      const refused = participants.reduce((sum, participant) => sum + participant.refused, 0);
      for (const participant of participants) participant.ws.terminate();
      return { commandsPerSecond: replies / seconds, refused };
    },
  };
}

/** The vote's id, read from the board through a stock client (it is in `session.vote`). */
async function currentVoteId(peer: RunningPeer, boardId: string, token: string): Promise<string> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${peer.port}/ws`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const vote = doc.getMap('session').get('vote') as { id: string } | undefined;
  provider.destroy();
  if (!vote) throw new Error('the vote did not start');
  return vote.id;
}

function median<T>(runs: T[], by: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => by(a) - by(b));
  return sorted[sorted.length >> 1]!;
}

// ---------------------------------------------------------------------------------------------
// Presence for 100 participants

interface PresenceFigures {
  arm: string;
  participants: number;
  moving: number;
  /** Per participant, averaged. */
  messagesInPerSecond: number;
  kilobytesInPerSecond: number;
  /** Everything the participants sent the server (their own moves and the stock echoes). */
  serverKilobytesInPerSecond: number;
  serverCpuPercent: number;
}

type PresenceArm = 'stock' | 'wrong-role' | 'no-echo';

const PRESENCE_ARMS: Record<PresenceArm, string> = {
  stock: 'stock providers, roles as the token says',
  'wrong-role': 'stock providers, every state claims a wrong role (the server stamps each)',
  'no-echo': 'providers sending only their own changes (no echo)',
};

async function measurePresence(peer: RunningPeer, arm: PresenceArm): Promise<PresenceFigures> {
  const wrongRole = arm === 'wrong-role';
  const participants = args.smoke ? 10 : 100;
  const moving = args.smoke ? 2 : 10;
  const response = await fetch(`${peer.httpBase}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'presence bench' }),
  });
  const board = (await response.json()) as { id: string; tokens: { editor: string } };
  let bytesIn = 0;
  let messagesIn = 0;
  let bytesOut = 0;
  class CountingWebSocket extends WebSocket {
    constructor(...socketArgs: ConstructorParameters<typeof WebSocket>) {
      super(...socketArgs);
      this.on('message', (data: Buffer | ArrayBuffer) => {
        messagesIn += 1;
        bytesIn += data.byteLength;
      });
    }
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      bytesOut += (data as Uint8Array).byteLength ?? 0;
      // biome-ignore lint/suspicious/noExplicitAny: ws' overloads.
      (super.send as any)(data, ...rest);
    }
  }
  const providers = Array.from({ length: participants }, (_, index) => {
    const provider = new WebsocketProvider(
      `ws://127.0.0.1:${peer.port}/ws`,
      board.id,
      new Y.Doc(),
      {
        params: { token: board.tokens.editor },
        WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      },
    );
    provider.awareness.setLocalState({
      user: {
        name: `Participant ${index}`,
        colour: '#1b998b',
        role: wrongRole ? 'facilitator' : 'editor',
      },
      cursor: null,
      selection: [],
      viewport: { centre: { x: 1600, y: 1000 }, zoom: 0.7 },
    });
    if (arm === 'no-echo') {
      // What a client can do: forward only its own presence changes, not the ones it hears.
      const stock = (
        provider as unknown as { _awarenessUpdateHandler: (...args: unknown[]) => void }
      )._awarenessUpdateHandler;
      provider.awareness.off('update', stock);
      provider.awareness.on('update', (changes: unknown, origin: unknown) => {
        if (origin === 'local') stock(changes, origin);
      });
    }
    return provider;
  });
  await Promise.all(
    providers.map(
      (provider) => new Promise<void>((resolve) => provider.once('sync', () => resolve())),
    ),
  );
  await sleep(1_000);
  let running = true;
  const movers = providers.slice(0, moving).map(async (provider, index) => {
    let step = 0;
    while (running) {
      provider.awareness.setLocalStateField('cursor', {
        x: 1000 + ((step * 7 + index * 13) % 1200),
        y: 900,
      });
      step += 1;
      await sleep(50);
    }
  });
  await sleep(1_000);
  const measureMs = args.smoke ? 2_000 : 8_000;
  const startIn = { bytesIn, messagesIn, bytesOut };
  const cpuStart = peer.cpuTimeMs();
  const started = performance.now();
  await sleep(measureMs);
  const seconds = (performance.now() - started) / 1000;
  const serverCpuPercent = ((peer.cpuTimeMs() - cpuStart) / (seconds * 1000)) * 100;
  const figures: PresenceFigures = {
    arm: PRESENCE_ARMS[arm],
    participants,
    moving,
    messagesInPerSecond: (messagesIn - startIn.messagesIn) / seconds / participants,
    kilobytesInPerSecond: (bytesIn - startIn.bytesIn) / 1024 / seconds / participants,
    serverKilobytesInPerSecond: (bytesOut - startIn.bytesOut) / 1024 / seconds,
    serverCpuPercent,
  };
  running = false;
  await Promise.all(movers);
  for (const provider of providers) provider.destroy();
  return figures;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  const peer = await RunningPeer.start(PEERS.ours);
  const pool = LoadGeneratorPool.start(2);
  const arms: Arm[] = [
    { name: 'plain', runs: [], commandsPerSecond: [] },
    { name: 'facilitated', runs: [], commandsPerSecond: [] },
  ];
  const loadAverages: number[] = [];
  try {
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      // Alternate which arm goes first, so a drift in the machine's load favours neither.
      const order = repeat % 2 === 0 ? arms : [...arms].reverse();
      for (const arm of order) {
        const workshop = workshopPeer(peer, arm.name === 'facilitated');
        let result: EditLatencyResult;
        try {
          result = await runEditLatency(workshop.peer, VIEWERS, editConfig, pool);
        } finally {
          const { commandsPerSecond, refused } = await workshop.stop();
          arm.commandsPerSecond.push(commandsPerSecond);
          if (refused > 0) log(`  ${refused} set-dots refused (expected 0)`);
        }
        arm.runs.push(result);
        loadAverages.push(loadavg()[0]!);
        log(
          `${arm.name} #${repeat + 1}: p50 ${result.latency.p50?.toFixed(2)} ms, p99 ${result.latency.p99?.toFixed(2)} ms, delivered ${result.delivered}/${result.expected}, server CPU ${result.serverCpuPercent.toFixed(0)} %, load ${loadavg()[0]!.toFixed(2)}, commands ${arm.commandsPerSecond.at(-1)!.toFixed(1)}/s`,
        );
      }
    }
    const [plain, facilitated] = arms.map((arm) =>
      median(arm.runs, (run) => run.latency.p99 ?? Infinity),
    );
    const ratio = (facilitated!.latency.p99 ?? Infinity) / (plain!.latency.p99 ?? Infinity);
    log(
      `median p99: plain ${plain!.latency.p99?.toFixed(2)} ms, facilitated ${facilitated!.latency.p99?.toFixed(2)} ms → ${ratio.toFixed(3)}× (target ≤ 1.1×)`,
    );
    const presence: PresenceFigures[] = [];
    for (const arm of Object.keys(PRESENCE_ARMS) as PresenceArm[]) {
      const figures = await measurePresence(peer, arm);
      presence.push(figures);
      log(
        `presence, ${figures.participants} participants, ${figures.moving} moving at 20 Hz (${figures.arm}): ${figures.messagesInPerSecond.toFixed(1)} messages/s and ${figures.kilobytesInPerSecond.toFixed(1)} KiB/s in per participant, ${figures.serverKilobytesInPerSecond.toFixed(0)} KiB/s to the server, server CPU ${figures.serverCpuPercent.toFixed(0)} %`,
      );
    }
    const out = path.join(REPO_ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'facilitation.json'),
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverages },
          config: { repeats: REPEATS, viewers: VIEWERS, voters: VOTERS, edit: editConfig },
          editLatency: {
            plain: arms[0]!.runs.map((run) => run.latency),
            facilitated: arms[1]!.runs.map((run) => run.latency),
            commandsPerSecond: arms[1]!.commandsPerSecond,
            medianP99: { plain: plain!.latency.p99, facilitated: facilitated!.latency.p99 },
            ratio,
          },
          presence,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await pool.stop();
    await peer.stop();
  }
}

main().then(
  // The stock providers leave timers behind once destroyed; nothing is left to wait for.
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
