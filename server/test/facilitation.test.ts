/**
 * [S-FAC-*]: the facilitator runs the workshop and the server enforces it — at the protocol
 * level, with real websockets: stock y-websocket clients (`connectClient`, which records every
 * message it receives) and Fire Triangle clients made of raw frames (`ft-client.ts`).
 */
import { rm } from 'node:fs/promises';
import {
  addCard,
  CLOSE_CODES,
  cardsMap,
  defaultCardPosition,
  deleteCard,
  dragSelection,
  dragsMap,
  editCard,
  type FacilitationCommand,
  getCardMap,
  linkCards,
  linkPrivateCard,
  linksMap,
  MESSAGE_TYPES,
  moveCard,
  PRIVATE_ROOM_PARAM,
  pasteCards,
  readBoard,
  readDrags,
  readSession,
  restoreCard,
  sessionMap,
  timerPhase,
} from '@fire-triangle/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signParticipantToken } from '../src/auth/participant-tokens.ts';
import { metricValue } from '../src/metrics/server-metrics.ts';
import { encodeAwarenessEntries } from '../src/rooms/presence-guard.ts';
import { type FtClient, sayHello } from './ft-client.ts';
import {
  createBoard,
  expectUpgradeRefused,
  fetchServerDoc,
  makeDataDir,
  openRawSocket,
  type ServerProcess,
  sleep,
  spawnServer,
  syncStep1Frame,
  TEST_SECRET,
  type TestServer,
  updateFrame,
  useTestHarness,
  waitFor,
  wsBase,
} from './helpers.ts';

/** Whether any message holds `text` as UTF-8 bytes (Yjs stores strings so; JSON frames too). */
function anyHolds(messages: readonly Uint8Array[], text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return messages.some((message) => Buffer.from(message).includes(needle));
}

/** One awareness message, as a client sends it. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessEntries([{ clientId, clock, state }]));
  return encoding.toUint8Array(encoder);
}

const LANES = ['objective', 'strategy', 'plan', 'tactic'] as const;

/** Starts a vote on `lanes` and returns its id, once `voter` was told (its first my-votes). */
async function startVote(
  facilitator: FtClient,
  voter: FtClient,
  lanes: (typeof LANES)[number][],
  dotsPerPerson: number,
  maxDotsPerCard: number,
): Promise<string> {
  const before = voter.framesOf('my-votes').length;
  const reply = await facilitator.command({
    name: 'vote-start',
    scope: { kind: 'lanes', lanes },
    dotsPerPerson,
    maxDotsPerCard,
    durationMs: null,
  });
  expect(reply).toMatchObject({ ok: true });
  await waitFor(() => voter.framesOf('my-votes').length > before, { what: 'my-votes on start' });
  return voter.framesOf('my-votes').at(-1)!.voteId;
}

describe('facilitation', () => {
  const harness = useTestHarness();
  const { connect, raw } = harness;
  let test: TestServer;
  const metrics = () => test.server.internals.metrics;

  /** A board with one card per lane (ids = lane names) and its three kinds of people. */
  async function workshop() {
    test ??= await harness.start();
    const board = await createBoard(test.server, { title: 'Workshop', language: 'en' });
    const seed = connect(test.server, board.id, board.tokens.facilitator);
    await seed.synced;
    for (const lane of LANES) addCard(seed.doc, { id: lane, lane, title: `${lane} card` });
    await waitFor(
      () => test.server.internals.registry.loaded(board.id)!.doc.getMap('cards').size === 4,
    );
    const ft = async (role: 'facilitator' | 'editor' | 'viewer', participant?: string) =>
      sayHello(await raw(test.server, board.id, board.tokens[role]), { participant });
    return { board, seed, ft };
  }

  afterEach(() => {
    test = undefined as unknown as TestServer;
  });

  it('[S-FAC-CMD-2] an editor’s or viewer’s facilitator command is refused and counted; the facilitator’s is applied for everyone', async () => {
    const { board, ft } = await workshop();
    const [facilitator, editor, viewer] = [
      await ft('facilitator'),
      await ft('editor'),
      await ft('viewer'),
    ];
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await watcher.synced;
    for (const client of [editor, viewer]) {
      for (const command of [
        { name: 'lock-board', locked: true },
        { name: 'timer-start', durationMs: 60_000 },
        {
          name: 'vote-start',
          scope: { kind: 'lanes', lanes: ['plan'] },
          dotsPerPerson: 3,
          maxDotsPerCard: 1,
          durationMs: null,
        },
        { name: 'private-start', hideAuthors: false },
        { name: 'bring-everyone', viewport: { centre: { x: 0, y: 0 }, zoom: 1 } },
      ] satisfies FacilitationCommand[]) {
        expect(await client.command(command)).toMatchObject({
          ok: false,
          error: 'facilitator-only',
        });
      }
    }
    expect(await metricValue(metrics().commandsRefused, { reason: 'facilitator-only' })).toBe(10);
    // A viewer may not vote either (a participant command).
    expect(
      await viewer.command({ name: 'set-dots', voteId: 'v', cardId: 'plan', dots: 1 }),
    ).toMatchObject({
      ok: false,
      error: 'read-only',
    });
    expect(readSession(watcher.doc)).toMatchObject({
      locks: { board: false },
      timer: { state: 'stopped' },
      vote: null,
    });
    expect(
      await facilitator.command({ name: 'lock', lanes: ['objective'], locked: true }),
    ).toMatchObject({ ok: true });
    await waitFor(() => readSession(watcher.doc).locks.lanes.includes('objective'), {
      what: 'the lock',
    });
    // [S-FAC-CMD-3] the stock client got no Fire Triangle frame through all of this.
    expect(watcher.received.some((message) => message[0] === MESSAGE_TYPES.fireTriangle)).toBe(
      false,
    );
  });

  it('[S-FAC-1] no client writes the session map — not even a facilitator’s stock client', async () => {
    const { board } = await workshop();
    const facilitator = connect(test.server, board.id, board.tokens.facilitator);
    const other = connect(test.server, board.id, board.tokens.editor);
    await Promise.all([facilitator.synced, other.synced]);
    sessionMap(facilitator.doc).set('locks', { board: true, lanes: [] });
    await waitFor(() => !sessionMap(facilitator.doc).has('locks'), { what: 'the revert' });
    expect(sessionMap(other.doc).has('locks')).toBe(false);
    expect(await metricValue(metrics().writesRefused, { reason: 'server-only' })).toBe(1);
  });

  it('[S-FAC-LOCK-1] a stock editor writing into a locked lane is refused while its other edits are kept; the Fire Triangle client is told which lane', async () => {
    const { board, ft } = await workshop();
    const facilitator = await ft('facilitator');
    expect(
      await facilitator.command({ name: 'lock', lanes: ['objective', 'plan'], locked: true }),
    ).toMatchObject({ ok: true });
    const editor = connect(test.server, board.id, board.tokens.editor);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([editor.synced, watcher.synced]);
    await waitFor(() => readSession(editor.doc).locks.lanes.length === 2);
    // Refused: an edit, a new card, a move out, a link, a deletion — each its own transaction.
    editCard(editor.doc, 'objective', { title: 'Rewritten objective' });
    addCard(editor.doc, { id: 'sneaky', lane: 'plan', title: 'sneaky plan' });
    moveCard(editor.doc, 'plan', defaultCardPosition('tactic'));
    linkCards(editor.doc, 'strategy', 'objective', null, 'l_locked');
    cardsMap(editor.doc).delete('objective');
    // Allowed, interleaved: the strategy and tactic lanes are open.
    editCard(editor.doc, 'strategy', { title: 'Kept strategy' });
    addCard(editor.doc, { id: 'kept', lane: 'tactic', title: 'kept tactic' });
    linkCards(editor.doc, 'kept', 'strategy', null, 'l_kept');
    const expected = (doc: Y.Doc) => {
      const { cards, links } = readBoard(doc);
      const byId = new Map(cards.map((card) => [card.id, card]));
      return (
        byId.get('objective')?.title === 'objective card' &&
        !byId.has('sneaky') &&
        byId.get('plan')?.lane === 'plan' &&
        byId.get('strategy')?.title === 'Kept strategy' &&
        byId.has('kept') &&
        links.map((link) => link.id).join() === 'l_kept'
      );
    };
    await waitFor(() => expected(editor.doc), {
      what: 'the editor rolled back the refused edits only',
    });
    await waitFor(() => expected(watcher.doc), { what: 'the others saw the allowed edits only' });
    expect(await metricValue(metrics().writesRefused, { reason: 'locked' })).toBe(5);

    // A Fire Triangle editor is told what was refused and in which lane.
    const modern = await ft('editor');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(editor.doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    editCard(doc, 'plan', { title: 'no' });
    modern.send(updateFrame(updates[0]!));
    await waitFor(() => modern.framesOf('write-refused').length === 1, { what: 'the notice' });
    expect(modern.framesOf('write-refused')[0]!.refusals).toEqual([
      { reason: 'locked', path: 'cards.plan', lane: 'plan' },
    ]);
    // The facilitator is never locked out.
    const facilitatorClient = connect(test.server, board.id, board.tokens.facilitator);
    await facilitatorClient.synced;
    editCard(facilitatorClient.doc, 'objective', { title: 'Agreed objective' });
    await waitFor(
      () =>
        readBoard(watcher.doc).cards.find((card) => card.id === 'objective')?.title ===
        'Agreed objective',
    );
  });

  it('[S-FAC-LOCK-1] a locked board is read-only for editors; unlocking gives it back', async () => {
    const { board, ft } = await workshop();
    const facilitator = await ft('facilitator');
    await facilitator.command({ name: 'lock-board', locked: true });
    const editor = connect(test.server, board.id, board.tokens.editor);
    await editor.synced;
    editCard(editor.doc, 'tactic', { title: 'blocked' });
    await waitFor(
      async () => (await metricValue(metrics().writesRefused, { reason: 'locked' })) === 1,
    );
    await waitFor(
      () => getCardMap(editor.doc, 'tactic')!.get('title')!.toString() === 'tactic card',
    );
    await facilitator.command({ name: 'lock-board', locked: false });
    await waitFor(() => !readSession(editor.doc).locks.board);
    editCard(editor.doc, 'tactic', { title: 'free' });
    const serverTitle = () =>
      getCardMap(test.server.internals.registry.loaded(board.id)!.doc, 'tactic')!
        .get('title')!
        .toString();
    await waitFor(() => serverTitle() === 'free', { what: 'the edit kept' });
    expect(await metricValue(metrics().writesRefused, { reason: 'locked' })).toBe(1);
  });

  it('[S-FAC-LOCK-3] in a locked lane a stock editor’s selection drag, paste, undone delete and keystrokes in a plan field are refused; the same in an open lane are kept', async () => {
    const { board, seed, ft } = await workshop();
    // The plan card as it was, then deleted by the facilitator (what an undo would put back).
    editCard(seed.doc, 'plan', { kpi: '20 resellers', owner: 'Ana' });
    const planBefore = readBoard(seed.doc).cards.find((card) => card.id === 'plan')!;
    const copied = { ...planBefore, id: 'plan-copy' };
    addCard(seed.doc, { id: 'plan2', lane: 'plan', title: 'second plan' });
    editCard(seed.doc, 'plan2', { kpi: 'margin' });
    deleteCard(seed.doc, 'plan');
    const server = () => test.server.internals.registry.loaded(board.id)!.doc;
    await waitFor(() => !cardsMap(server()).has('plan') && cardsMap(server()).has('plan2'));
    const facilitator = await ft('facilitator');
    await facilitator.command({ name: 'lock', lanes: ['plan'], locked: true });
    const editor = connect(test.server, board.id, board.tokens.editor);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([editor.synced, watcher.synced]);
    await waitFor(() => readSession(editor.doc).locks.lanes.includes('plan'));

    // Refused, each its own transaction: a selection drag listing a plan card, a drag of an
    // open-lane card whose offset reaches the plan lane, a paste of a plan card, putting the
    // deleted plan card back, typing in a plan field (a Y.Text inside the card).
    dragSelection(editor.doc, ['plan2', 'strategy'], { x: 40, y: 0 });
    const otherDrag = new Y.Doc();
    Y.applyUpdate(otherDrag, Y.encodeStateAsUpdate(editor.doc));
    const strategyY = readBoard(editor.doc).cards.find((card) => card.id === 'strategy')!.position
      .y;
    const planY = defaultCardPosition('plan').y;
    const sent: Uint8Array[] = [];
    otherDrag.on('update', (update: Uint8Array) => sent.push(update));
    dragSelection(otherDrag, ['strategy'], { x: 0, y: planY - strategyY });
    Y.applyUpdate(editor.doc, sent[0]!);
    pasteCards(
      editor.doc,
      { cards: [copied], links: [] },
      { offset: { x: 30, y: 30 }, author: 'E' },
    );
    restoreCard(editor.doc, planBefore, []);
    editCard(editor.doc, 'plan2', { kpi: 'margin +5 %', owner: 'Eve' });
    // Kept: the same in the open lanes.
    editCard(editor.doc, 'tactic', { kpi: 'leads', owner: 'Eve' });
    dragSelection(editor.doc, ['tactic'], { x: 20, y: 0 });

    const refusedOnly = (doc: Y.Doc) => {
      const { cards } = readBoard(doc);
      const byId = new Map(cards.map((card) => [card.id, card]));
      const drags = [...readDrags(doc).values()];
      return (
        cards.length === 4 &&
        !byId.has('plan') &&
        byId.get('plan2')?.kpi === 'margin' &&
        byId.get('plan2')?.owner === '' &&
        byId.get('tactic')?.kpi === 'leads' &&
        drags.length === 1 &&
        drags[0]!.cards.join() === 'tactic'
      );
    };
    await waitFor(() => refusedOnly(editor.doc), { what: 'the editor rolled back the refused' });
    await waitFor(() => refusedOnly(watcher.doc), { what: 'the others saw the kept ones only' });
    expect(refusedOnly(server())).toBe(true);
    expect(await metricValue(metrics().writesRefused, { reason: 'locked' })).toBe(5);
    expect(dragsMap(server()).size).toBe(1);

    // A Fire Triangle editor is told which drag and which lane.
    const modern = await ft('editor');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(editor.doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    dragSelection(doc, ['plan2'], { x: 10, y: 0 });
    modern.send(updateFrame(updates[0]!));
    await waitFor(() => modern.framesOf('write-refused').length === 1, { what: 'the notice' });
    expect(modern.framesOf('write-refused')[0]!.refusals).toEqual([
      { reason: 'locked', path: `drags.${doc.clientID}`, lane: 'plan' },
    ]);
  });

  it('[S-FAC-LOCK-2] a stage opens one lane and locks the three others; ending stages unlocks them', async () => {
    const { board, ft } = await workshop();
    const facilitator = await ft('facilitator');
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await watcher.synced;
    await facilitator.command({ name: 'stage', stage: 'strategy' });
    await waitFor(() => readSession(watcher.doc).stage === 'strategy');
    expect(readSession(watcher.doc).locks).toEqual({
      board: false,
      lanes: ['objective', 'plan', 'tactic'],
    });
    const editor = connect(test.server, board.id, board.tokens.editor);
    await editor.synced;
    addCard(editor.doc, { id: 's2', lane: 'strategy', title: 'open lane' });
    addCard(editor.doc, { id: 't2', lane: 'tactic', title: 'closed lane' });
    await waitFor(() => cardsMap(watcher.doc).has('s2'));
    await waitFor(() => !cardsMap(editor.doc).has('t2'), { what: 'the tactic rolled back' });
    await facilitator.command({ name: 'stage', stage: null });
    await waitFor(
      () =>
        readSession(watcher.doc).stage === null &&
        readSession(watcher.doc).locks.lanes.length === 0,
    );
  });

  it('[S-FAC-TIMER-1] the timer runs on the server clock: welcome carries it, a late joiner sees the same end, the server writes finished', async () => {
    const { board, ft } = await workshop();
    const before = Date.now();
    const facilitator = await ft('facilitator');
    expect(facilitator.welcome.serverTime).toBeGreaterThanOrEqual(before);
    expect(facilitator.welcome.serverTime).toBeLessThanOrEqual(Date.now());
    const reply = await facilitator.command({ name: 'timer-start', durationMs: 1_000 });
    expect(reply).toMatchObject({ ok: true });
    const late = connect(test.server, board.id, board.tokens.viewer);
    await late.synced;
    const timer = readSession(late.doc).timer;
    expect(timer.state).toBe('running');
    // Started between the welcome and the reply, on the server's clock.
    expect(timer.endsAt!).toBeGreaterThanOrEqual(facilitator.welcome.serverTime + 1_000);
    expect(timer.endsAt!).toBeLessThanOrEqual(reply.serverTime + 1_000);
    await waitFor(() => readSession(late.doc).timer.state === 'finished', {
      what: 'finished written',
    });
    expect(timerPhase(readSession(late.doc).timer, Date.now())).toBe('finished');
    expect(await facilitator.command({ name: 'timer-pause' })).toMatchObject({
      ok: false,
      error: 'timer-not-running',
    });
    expect(await facilitator.command({ name: 'timer-add', ms: 60_000 })).toMatchObject({
      ok: true,
    });
    await waitFor(() => readSession(late.doc).timer.state === 'running');
  });

  it('[S-FAC-TIMER-2] a timer that ended while the server was down reads, and is written, finished when the board loads again', async () => {
    const { board, ft } = await workshop();
    const facilitator = await ft('facilitator');
    await facilitator.command({ name: 'timer-start', durationMs: 1_000 });
    const { dataDir } = test;
    harness.closeConnections();
    await test.server.close();
    await sleep(1_100);
    test = await harness.start({}, dataDir);
    const late = connect(test.server, board.id, board.tokens.viewer);
    await late.synced;
    expect(timerPhase(readSession(late.doc).timer, Date.now())).toBe('finished');
    await waitFor(() => readSession(late.doc).timer.state === 'finished', {
      what: 'finished written',
    });
  });

  it('[S-FAC-VOTE-1] dots follow the rules: scope, dots per person, per card, open only; removing is free', async () => {
    const { board, ft } = await workshop();
    const facilitator = await ft('facilitator');
    const alice = await ft('editor');
    await facilitator.command({
      name: 'vote-start',
      scope: { kind: 'lanes', lanes: ['strategy', 'tactic'] },
      dotsPerPerson: 2,
      maxDotsPerCard: 1,
      durationMs: null,
    });
    await waitFor(() => alice.framesOf('my-votes').length > 0, { what: 'my-votes on start' });
    const voteId = alice.framesOf('my-votes')[0]!.voteId;
    expect(alice.framesOf('my-votes')[0]).toEqual({
      type: 'my-votes',
      voteId,
      dots: {},
      remaining: 2,
    });
    const dots = (cardId: string, count: number) =>
      alice.command({ name: 'set-dots', voteId, cardId, dots: count });
    expect(await dots('plan', 1)).toMatchObject({ ok: false, error: 'not-in-vote' });
    expect(await dots('missing', 1)).toMatchObject({ ok: false, error: 'not-in-vote' });
    expect(await dots('strategy', 2)).toMatchObject({ ok: false, error: 'card-full' });
    expect(await dots('strategy', 1)).toMatchObject({ ok: true });
    expect(await dots('tactic', 1)).toMatchObject({ ok: true });
    // A third dot is one too many.
    expect(await dots('strategy', 0)).toMatchObject({ ok: true });
    expect(await dots('strategy', 1)).toMatchObject({ ok: true });
    expect(
      await alice.command({ name: 'set-dots', voteId: 'v_other', cardId: 'tactic', dots: 0 }),
    ).toMatchObject({
      ok: false,
      error: 'no-vote',
    });
    expect(alice.framesOf('my-votes').at(-1)).toMatchObject({
      dots: { strategy: 1, tactic: 1 },
      remaining: 0,
    });
    expect(await dots('tactic', 0)).toMatchObject({ ok: true });
    expect(alice.framesOf('my-votes').at(-1)).toMatchObject({
      dots: { strategy: 1 },
      remaining: 1,
    });
    await facilitator.command({ name: 'vote-close' });
    expect(await dots('tactic', 1)).toMatchObject({ ok: false, error: 'vote-not-open' });
    // A time limit closes it by the clock.
    await facilitator.command({
      name: 'vote-start',
      scope: { kind: 'cards', cards: ['plan'] },
      dotsPerPerson: 1,
      maxDotsPerCard: 1,
      durationMs: 1_000,
    });
    await waitFor(() => alice.framesOf('my-votes').at(-1)!.voteId !== voteId);
    const timed = alice.framesOf('my-votes').at(-1)!.voteId;
    await sleep(1_100);
    expect(
      await alice.command({ name: 'set-dots', voteId: timed, cardId: 'plan', dots: 1 }),
    ).toMatchObject({
      ok: false,
      error: 'vote-not-open',
    });
    // …and the server writes it closed.
    await waitFor(
      () => test.server.internals.registry.loaded(board.id)!.session.vote?.state === 'closed',
      { what: 'closed written' },
    );
  });

  it('[S-FAC-VOTE-2] nobody receives anyone else’s dots before the reveal — not a Fire Triangle client, not a stock client; [S-FAC-VOTE-3] the reveal writes sorted counts', async () => {
    const { board, ft } = await workshop();
    const facilitator = await ft('facilitator');
    const stock = connect(test.server, board.id, board.tokens.editor);
    await stock.synced;
    await facilitator.command({
      name: 'vote-start',
      scope: { kind: 'lanes', lanes: [...LANES] },
      dotsPerPerson: 3,
      maxDotsPerCard: 3,
      durationMs: null,
    });
    const voters = [await ft('editor'), await ft('editor'), await ft('editor')];
    const voteId = readSession(test.server.internals.registry.loaded(board.id)!.doc).vote!.id;
    const plan: [string, number][][] = [
      [['tactic', 3]],
      [
        ['tactic', 1],
        ['plan', 2],
      ],
      [['strategy', 1]],
    ];
    for (const [index, voter] of voters.entries()) {
      for (const [cardId, dots] of plan[index]!) {
        expect(await voter.command({ name: 'set-dots', voteId, cardId, dots })).toMatchObject({
          ok: true,
        });
      }
    }
    await waitFor(() => voters[0]!.framesOf('vote-progress').some((frame) => frame.voters === 3), {
      what: 'the progress',
    });
    expect(voters[0]!.framesOf('vote-progress').at(-1)).toEqual({
      type: 'vote-progress',
      voteId,
      voters: 3,
      finished: 2,
    });
    for (const [index, voter] of voters.entries()) {
      const mine = Object.fromEntries(plan[index]!);
      for (const frame of voter.framesOf('my-votes')) {
        for (const cardId of Object.keys(frame.dots)) expect(mine).toHaveProperty(cardId);
      }
      // Nothing else it received names a card with a count: only its own my-votes and counts.
      expect(new Set(voter.frames().map((frame) => frame.type))).toEqual(
        new Set(['welcome', 'my-votes', 'reply', 'vote-progress']),
      );
    }
    expect(stock.received.some((message) => message[0] === MESSAGE_TYPES.fireTriangle)).toBe(false);
    expect(readSession(stock.doc).vote).toMatchObject({
      state: 'open',
      results: null,
      voters: null,
    });
    expect(JSON.stringify(stock.doc.toJSON())).not.toMatch(/dots"?:\s*[1-9]/);

    expect(await facilitator.command({ name: 'vote-reveal' })).toMatchObject({ ok: true });
    await waitFor(() => readSession(stock.doc).vote?.state === 'revealed');
    expect(readSession(stock.doc).vote).toMatchObject({
      results: [
        { cardId: 'tactic', dots: 4 },
        { cardId: 'plan', dots: 2 },
        { cardId: 'strategy', dots: 1 },
      ],
      voters: 3,
    });
  });

  it('[S-FAC-ID-1] a forged or foreign participant token is refused and replaced; a valid one keeps its dots', async () => {
    const { board, ft } = await workshop();
    const facilitator = await ft('facilitator');
    const alice = await ft('editor');
    const voteId = await startVote(facilitator, alice, ['tactic'], 1, 1);
    await alice.command({ name: 'set-dots', voteId, cardId: 'tactic', dots: 1 });
    const aliceId = alice.welcome.participant.id;
    // Same id, wrong key; same id signed for another board; garbage.
    const forged = [
      signParticipantToken('not-the-secret-0123456789abcdef0123456789', board.id, aliceId),
      signParticipantToken(TEST_SECRET, 'another-board', aliceId),
      'garbage',
    ];
    for (const token of forged) {
      const mallory = await ft('editor', token);
      expect(mallory.welcome.participant.id).not.toBe(aliceId);
      await waitFor(() => mallory.framesOf('my-votes').length > 0);
      expect(mallory.framesOf('my-votes')[0]).toMatchObject({ dots: {}, remaining: 1 });
    }
    expect(await metricValue(metrics().participantTokensRefused)).toBe(3);
    // Alice's own token, on another device: the same participant, her dot still there.
    const again = await ft('editor', alice.welcome.participant.token);
    expect(again.welcome.participant).toEqual(alice.welcome.participant);
    await waitFor(() => again.framesOf('my-votes').length > 0);
    expect(again.framesOf('my-votes')[0]).toMatchObject({ dots: { tactic: 1 }, remaining: 0 });
  });

  it('[S-FAC-PRES-1] presence cannot be hijacked: another connection’s entry for an id is dropped and counted; the victim keeps its state', async () => {
    const { board } = await workshop();
    const victim = connect(test.server, board.id, board.tokens.facilitator);
    const bystander = connect(test.server, board.id, board.tokens.editor);
    await Promise.all([victim.synced, bystander.synced]);
    victim.provider.awareness.setLocalStateField('user', {
      name: 'Ana',
      colour: '#1b998b',
      role: 'facilitator',
    });
    const victimId = victim.provider.awareness.clientID;
    const nameSeenBy = (client: typeof victim) =>
      (
        client.provider.awareness.getStates().get(victimId) as
          | { user?: { name?: string } }
          | undefined
      )?.user?.name;
    await waitFor(() => nameSeenBy(bystander) === 'Ana', { what: 'Ana’s presence' });
    const mallory = await openRawSocket(test.server, board.id, board.tokens.viewer);
    const clock = (victim.provider.awareness.meta.get(victimId)?.clock ?? 0) + 10;
    mallory.send(
      awarenessFrame(victimId, clock, { user: { name: 'Mallory', role: 'facilitator' } }),
    );
    mallory.send(awarenessFrame(victimId, clock + 1, null));
    await waitFor(async () => (await metricValue(metrics().presenceEntriesDropped)) === 2);
    await sleep(150); // two presence batches
    expect(nameSeenBy(bystander)).toBe('Ana');
    expect(nameSeenBy(victim)).toBe('Ana');
    expect(
      (victim.provider.awareness.getLocalState() as { user: { name: string } }).user.name,
    ).toBe('Ana');
    mallory.ws.terminate();
  });

  it('[S-FAC-PRES-1] the same participant reconnecting takes its presence id over at once; a stranger does not', async () => {
    const { board, ft } = await workshop();
    const first = await ft('editor');
    first.send(awarenessFrame(4242, 1, { user: { name: 'Bea', role: 'editor' } }));
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await watcher.synced;
    const name = () =>
      (watcher.provider.awareness.getStates().get(4242) as { user?: { name?: string } })?.user
        ?.name;
    await waitFor(() => name() === 'Bea');
    // The old socket is still open (the server has not noticed it died); the device comes back.
    const stranger = await ft('editor');
    stranger.send(awarenessFrame(4242, 2, { user: { name: 'Not Bea' } }));
    const second = await openRawSocket(test.server, board.id, board.tokens.editor);
    second.send(awarenessFrame(4242, 3, { user: { name: 'Bea again', role: 'editor' } }));
    await sleep(150);
    expect(name()).toBe('Bea');
    // Its hello names the participant: the deferred presence is applied.
    await sayHello(second, { participant: first.welcome.participant.token });
    await waitFor(() => name() === 'Bea again', { what: 'the takeover' });
  });

  it('[S-FAC-PRES-2] the role others see is the one of the token, whatever the state claims', async () => {
    const { board } = await workshop();
    const poser = connect(test.server, board.id, board.tokens.editor);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([poser.synced, watcher.synced]);
    poser.provider.awareness.setLocalStateField('user', {
      name: 'Totally the facilitator',
      role: 'facilitator',
    });
    const id = poser.provider.awareness.clientID;
    const seen = () =>
      (
        watcher.provider.awareness.getStates().get(id) as {
          user?: { name?: string; role?: string };
        }
      )?.user;
    await waitFor(() => seen()?.name === 'Totally the facilitator');
    expect(seen()?.role).toBe('editor');
  });

  it('[S-FAC-BRING-1] bring-everyone reaches every other Fire Triangle client once, with the facilitator’s view and name', async () => {
    const { board, ft } = await workshop();
    const facilitator = await ft('facilitator');
    facilitator.send(awarenessFrame(777, 1, { user: { name: 'Ana' } }));
    const [editor, viewer] = [await ft('editor'), await ft('viewer')];
    const stock = connect(test.server, board.id, board.tokens.editor);
    await stock.synced;
    await sleep(100);
    const viewport = { centre: { x: 1600, y: 400 }, zoom: 1.25 };
    expect(await facilitator.command({ name: 'bring-everyone', viewport })).toMatchObject({
      ok: true,
    });
    for (const client of [editor, viewer]) {
      await waitFor(() => client.framesOf('bring-everyone').length === 1);
      expect(client.framesOf('bring-everyone')[0]).toEqual({
        type: 'bring-everyone',
        viewport,
        from: { name: 'Ana' },
      });
    }
    expect(facilitator.framesOf('bring-everyone')).toEqual([]);
    expect(stock.received.some((message) => message[0] === MESSAGE_TYPES.fireTriangle)).toBe(false);
  });

  describe('private writing rounds', () => {
    /** A participant's token, from a hello of their own. */
    async function participantOf(client: FtClient) {
      return client.welcome.participant.token;
    }

    it('[S-FAC-PRIV-1] a private doc reaches its author only; [S-FAC-PRIV-2] editors add cards privately; [S-FAC-PRIV-3] the end publishes them all at once', async () => {
      const { board, ft } = await workshop();
      const facilitator = await ft('facilitator');
      const alice = await ft('editor');
      const bob = await ft('editor');
      // No round yet: a private room closes at once (4410).
      const early = await openRawSocket(
        test.server,
        board.id,
        board.tokens.editor,
        {},
        `&${PRIVATE_ROOM_PARAM}=${encodeURIComponent(await participantOf(alice))}`,
      );
      expect((await early.closed).code).toBe(CLOSE_CODES.PRIVATE_ROUND_OVER);

      expect(await facilitator.command({ name: 'private-start', hideAuthors: true })).toMatchObject(
        { ok: true },
      );
      const boardWatcher = connect(test.server, board.id, board.tokens.editor);
      await boardWatcher.synced;
      await waitFor(() => readSession(boardWatcher.doc).privateRound !== null);
      // Stock providers on each participant's private room.
      const alicePrivate = connect(test.server, board.id, board.tokens.editor, {
        params: { [PRIVATE_ROOM_PARAM]: await participantOf(alice) },
      });
      const bobPrivate = connect(test.server, board.id, board.tokens.editor, {
        params: { [PRIVATE_ROOM_PARAM]: await participantOf(bob) },
      });
      await Promise.all([alicePrivate.synced, bobPrivate.synced]);
      addCard(alicePrivate.doc, {
        id: 'secret-a',
        lane: 'strategy',
        title: 'SECRET-ALICE-IDEA',
        author: 'Alice',
      });
      addCard(bobPrivate.doc, {
        id: 'secret-b',
        lane: 'tactic',
        title: 'SECRET-BOB-IDEA',
        author: 'Bob',
      });
      const privateLink = linkPrivateCard(
        bobPrivate.doc,
        boardWatcher.doc,
        'secret-b',
        'plan',
        null,
        'l_bob',
      );
      expect(privateLink.ok).toBe(true);
      // An editor's new card on the board itself is refused during the round.
      addCard(boardWatcher.doc, { id: 'loud', lane: 'plan', title: 'loud card' });
      await waitFor(
        async () => (await metricValue(metrics().writesRefused, { reason: 'private-round' })) === 1,
      );
      await waitFor(() => !cardsMap(boardWatcher.doc).has('loud'));
      const stored = async (id: string) =>
        (await test.server.internals.store.loadBoard(`${board.id}~private~${id}`)) !== null;
      await waitFor(
        async () =>
          (await stored(alice.welcome.participant.id)) &&
          (await stored(bob.welcome.participant.id)),
      );
      await sleep(100);
      // Nothing private reached anyone else: not the board, not the other's private room.
      expect(anyHolds(boardWatcher.received, 'SECRET-ALICE-IDEA')).toBe(false);
      expect(anyHolds(boardWatcher.received, 'SECRET-BOB-IDEA')).toBe(false);
      expect(anyHolds(bobPrivate.received, 'SECRET-ALICE-IDEA')).toBe(false);
      expect(anyHolds(alicePrivate.received, 'SECRET-BOB-IDEA')).toBe(false);
      for (const client of [alice, bob, facilitator]) {
        expect(anyHolds(client.raw.messages, 'SECRET-')).toBe(false);
      }
      // A viewer link or a key that does not check gets no private room.
      const viewerUrl = `${wsBase(test.server)}/${board.id}?token=${board.tokens.viewer}&${PRIVATE_ROOM_PARAM}=${encodeURIComponent(await participantOf(alice))}`;
      expect((await expectUpgradeRefused(viewerUrl)).status).toBe(403);
      const forgedKey = signParticipantToken(
        'not-the-secret-0123456789abcdef0123456789',
        board.id,
        alice.welcome.participant.id,
      );
      const forgedUrl = `${wsBase(test.server)}/${board.id}?token=${board.tokens.editor}&${PRIVATE_ROOM_PARAM}=${encodeURIComponent(forgedKey)}`;
      expect((await expectUpgradeRefused(forgedUrl)).status).toBe(403);

      const end = await facilitator.command({ name: 'private-end' });
      expect(end).toMatchObject({ ok: true, result: { cards: 2, links: 1 } });
      await waitFor(
        () =>
          cardsMap(boardWatcher.doc).has('secret-a') && cardsMap(boardWatcher.doc).has('secret-b'),
      );
      const published = readBoard(boardWatcher.doc);
      expect(
        published.cards.filter((card) => card.id.startsWith('secret-')).map((card) => card.author),
      ).toEqual(['', '']);
      expect(
        published.links.some(
          (link) => link.id === 'l_bob' && link.from === 'secret-b' && link.to === 'plan',
        ),
      ).toBe(true);
      expect(readSession(boardWatcher.doc).privateRound).toBeNull();
      // The private rooms were told the round is over; the stock provider stops.
      await waitFor(
        () =>
          alicePrivate.provider.wsconnected === false && bobPrivate.provider.wsconnected === false,
      );
      expect(cardsMap(alicePrivate.doc).size).toBe(0);
      expect(await facilitator.command({ name: 'private-end' })).toMatchObject({
        ok: false,
        error: 'no-private-round',
      });
    });

    it('[S-FAC-PRIV-5] a round whose cards do not all fit publishes what does, round-robin, keeps the rest private and says so', async () => {
      const limit = 20 * 1024;
      test = await harness.start({ maxBoardBytes: limit });
      const { board, ft } = await workshop();
      const facilitator = await ft('facilitator');
      const [alice, bob] = [await ft('editor'), await ft('editor')];
      expect(
        await facilitator.command({ name: 'private-start', hideAuthors: false }),
      ).toMatchObject({ ok: true });
      const privateOf = async (client: FtClient) => {
        const stock = connect(test.server, board.id, board.tokens.editor, {
          params: { [PRIVATE_ROOM_PARAM]: await participantOf(client) },
        });
        await stock.synced;
        const closes: { code: number; reason: string }[] = [];
        stock.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
          if (event) closes.push({ code: event.code, reason: event.reason });
        });
        return { stock, closes };
      };
      const [mineA, mineB] = [await privateOf(alice), await privateOf(bob)];
      // Six cards of about 2 KB each per person: each private doc fits its own limit, the two
      // together do not fit the board's.
      for (let i = 0; i < 6; i++) {
        for (const [who, mine] of [
          ['a', mineA],
          ['b', mineB],
        ] as const) {
          addCard(mine.stock.doc, {
            id: `${who}${i}`,
            lane: 'plan',
            title: `${who} idea ${i}`,
            body: 'x'.repeat(2000),
            now: 1000 + i,
          });
        }
      }
      expect(linkCards(mineA.stock.doc, 'a0', 'a5').ok).toBe(true);
      const privateCards = async (client: FtClient) => {
        const room = test.server.internals.registry.loaded(
          `${board.id}~private~${client.welcome.participant.id}`,
        );
        return room ? [...cardsMap(room.doc).keys()].sort() : [];
      };
      await waitFor(async () => (await privateCards(alice)).length === 6);
      await waitFor(async () => (await privateCards(bob)).length === 6);

      const end = await facilitator.command({ name: 'private-end' });
      expect(end).toMatchObject({ ok: true, result: { sizeLimitBytes: limit } });
      const result = (end as unknown as { result: { cards: number; keptCards: number } }).result;
      expect(result.keptCards).toBeGreaterThan(0);
      expect(result.cards + result.keptCards).toBe(12);
      // Round-robin, oldest first: a0, b0, a1, b1… — the two authors differ by one at most.
      const watcher = connect(test.server, board.id, board.tokens.viewer);
      await watcher.synced;
      const onBoard = [...cardsMap(watcher.doc).keys()].filter((id) => /^[ab]\d$/.test(id));
      const expected = ['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4', 'a5', 'b5'];
      expect(onBoard.sort()).toEqual(expected.slice(0, result.cards).sort());
      // The link waits with its private end.
      expect(linksMap(watcher.doc).has(linksMap(mineA.stock.doc).keys().next().value!)).toBe(
        onBoard.includes('a5'),
      );
      // The board stays within its limit, so the next ordinary edit is not refused.
      const stored = await test.server.internals.store.loadBoard(board.id);
      const bytes =
        (stored!.snapshot?.length ?? 0) +
        stored!.updates.reduce((sum, update) => sum + update.length, 0);
      expect(bytes).toBeLessThanOrEqual(limit);
      // Nothing lost: what did not fit is still in each author's private doc, and they are told.
      const keptA = expected.filter((id) => id.startsWith('a') && !onBoard.includes(id));
      const keptB = expected.filter((id) => id.startsWith('b') && !onBoard.includes(id));
      expect(await privateCards(alice)).toEqual(keptA);
      expect(await privateCards(bob)).toEqual(keptB);
      for (const [mine, kept] of [
        [mineA, keptA],
        [mineB, keptB],
      ] as const) {
        await waitFor(() => mine.closes.length > 0, { what: 'private room closed' });
        expect(mine.closes[0]).toEqual({
          code: CLOSE_CODES.PRIVATE_ROUND_OVER,
          reason: `private writing round over: ${kept.length} ${kept.length === 1 ? 'card stays' : 'cards stay'} private: the board reached its size limit`,
        });
        expect([...cardsMap(mine.stock.doc).keys()].sort()).toEqual(kept);
      }
    });

    it('[S-FAC-PRIV-5] a private doc is bounded like a board: past the size limit its writer is closed with 4414', async () => {
      const limit = 20 * 1024;
      test = await harness.start({ maxBoardBytes: limit });
      const { board, ft } = await workshop();
      const facilitator = await ft('facilitator');
      const dora = await ft('editor');
      await facilitator.command({ name: 'private-start', hideAuthors: false });
      const mine = connect(test.server, board.id, board.tokens.editor, {
        params: { [PRIVATE_ROOM_PARAM]: await participantOf(dora) },
      });
      await mine.synced;
      const closes: number[] = [];
      mine.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
        if (event) closes.push(event.code);
      });
      for (let i = 0; i < 3; i++) {
        addCard(mine.doc, { id: `d${i}`, lane: 'plan', title: 'big', body: 'y'.repeat(9000) });
      }
      await waitFor(() => closes.includes(CLOSE_CODES.BOARD_TOO_LARGE), {
        what: 'the private room refused to grow past its limit',
      });
    });

    it('[S-FAC-PRIV-2] a private link to a board card of a locked lane is refused like one on the board: the end publishes none past the lock', async () => {
      const { board, ft } = await workshop();
      const facilitator = await ft('facilitator');
      const eve = await ft('editor');
      expect(
        await facilitator.command({ name: 'lock', lanes: ['objective'], locked: true }),
      ).toMatchObject({ ok: true });
      expect(
        await facilitator.command({ name: 'private-start', hideAuthors: false }),
      ).toMatchObject({ ok: true });
      const mine = connect(test.server, board.id, board.tokens.editor, {
        params: { [PRIVATE_ROOM_PARAM]: await participantOf(eve) },
      });
      await mine.synced;
      addCard(mine.doc, { id: 'idea', lane: 'tactic', title: 'private idea' });
      // Written as a stock client would, each its own transaction: two links reaching the locked
      // objective card (one between two board cards), one that does not.
      const link = (id: string, from: string, to: string) =>
        linksMap(mine.doc).set(id, { id, from, to });
      link('l_board_to_locked', 'strategy', 'objective');
      link('l_private_to_locked', 'idea', 'objective');
      link('l_allowed', 'idea', 'strategy');
      await waitFor(
        async () => (await metricValue(metrics().writesRefused, { reason: 'locked' })) === 2,
        { what: 'both links to the locked lane refused' },
      );
      await waitFor(() => [...linksMap(mine.doc).keys()].join() === 'l_allowed', {
        what: 'the private doc rolled back the refused links only',
      });
      expect(await facilitator.command({ name: 'private-end' })).toMatchObject({
        ok: true,
        result: { cards: 1, links: 1 },
      });
      const watcher = connect(test.server, board.id, board.tokens.viewer);
      await watcher.synced;
      expect(readBoard(watcher.doc).links.map((link) => link.id)).toEqual(['l_allowed']);
    });

    it('[S-FAC-PRIV-2] during a round an editor’s undo brings a card they deleted back to the board: it is not a new card', async () => {
      const { board, ft } = await workshop();
      const facilitator = await ft('facilitator');
      const editor = connect(test.server, board.id, board.tokens.editor);
      await editor.synced;
      const origin = { person: 'editor' };
      const undo = new Y.UndoManager([cardsMap(editor.doc)], { trackedOrigins: new Set([origin]) });
      expect(
        await facilitator.command({ name: 'private-start', hideAuthors: false }),
      ).toMatchObject({ ok: true });
      await waitFor(() => readSession(editor.doc).privateRound !== null);
      cardsMap(editor.doc).doc!.transact(() => cardsMap(editor.doc).delete('plan'), origin);
      await waitFor(
        () => !test.server.internals.registry.loaded(board.id)!.doc.getMap('cards').has('plan'),
      );
      undo.undo();
      const watcher = connect(test.server, board.id, board.tokens.viewer);
      await watcher.synced;
      await waitFor(() => cardsMap(watcher.doc).has('plan'), {
        what: 'the card back for everyone',
      });
      expect(readBoard(watcher.doc).cards.find((card) => card.id === 'plan')?.title).toBe(
        'plan card',
      );
      expect(await metricValue(metrics().writesRefused, { reason: 'private-round' })).toBe(0);
      // A card the board never had is still refused.
      addCard(editor.doc, { id: 'brand-new', lane: 'plan', title: 'loud' });
      await waitFor(
        async () => (await metricValue(metrics().writesRefused, { reason: 'private-round' })) === 1,
      );
    });
  });
});

describe('facilitation across a restart', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('[S-FAC-TIMER-2] [S-FAC-VOTE-4] [S-FAC-PRIV-4] after kill -9 and a restart: the timer, every dot and the private cards are still there', async () => {
    const dataDir = await makeDataDir();
    const processes: ServerProcess[] = [];
    const sockets: { ws: { terminate(): void } }[] = [];
    cleanups.push(async () => {
      for (const socket of sockets) socket.ws.terminate();
      for (const server of processes)
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    });
    const first = await spawnServer(['--port', '0', '--data-dir', dataDir]);
    processes.push(first);
    const board = await createBoard(first, { title: 'Restart' });
    const open = async (
      server: ServerProcess,
      role: 'facilitator' | 'editor',
      participant?: string,
      query = '',
    ) => {
      const socket = await openRawSocket(server, board.id, board.tokens[role], {}, query);
      sockets.push(socket);
      return sayHello(socket, { participant });
    };
    const facilitator = await open(first, 'facilitator');
    const alice = await open(first, 'editor');
    // A card to vote on, written through a private-less board by the facilitator.
    const doc = new Y.Doc();
    addCard(doc, { id: 'tactic', lane: 'tactic', title: 'Trade show' });
    facilitator.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    expect(await facilitator.command({ name: 'timer-start', durationMs: 600_000 })).toMatchObject({
      ok: true,
    });
    const voteId = await startVote(facilitator, alice, ['tactic'], 2, 2);
    expect(
      await alice.command({ name: 'set-dots', voteId, cardId: 'tactic', dots: 2 }),
    ).toMatchObject({ ok: true });
    await facilitator.command({ name: 'private-start', hideAuthors: false });
    const token = alice.welcome.participant.token;
    const privateQuery = `&${PRIVATE_ROOM_PARAM}=${encodeURIComponent(token)}`;
    const privateSocket = await openRawSocket(
      first,
      board.id,
      board.tokens.editor,
      {},
      privateQuery,
    );
    sockets.push(privateSocket);
    const privateDoc = new Y.Doc();
    addCard(privateDoc, { id: 'private-1', lane: 'tactic', title: 'kept through a crash' });
    privateSocket.send(updateFrame(Y.encodeStateAsUpdate(privateDoc)));
    // The private update is stored once the room's sync reply to it goes out (S-DUR-1).
    const before = privateSocket.messages.length;
    privateSocket.send(syncStep1Frame(new Y.Doc()));
    await waitFor(() =>
      privateSocket.messages
        .slice(before)
        .some((message) => anyHolds([message], 'kept through a crash')),
    );

    first.child.kill('SIGKILL');
    await first.exited;
    const second = await spawnServer(['--port', String(first.port), '--data-dir', dataDir]);
    processes.push(second);
    const again = await open(second, 'editor', token);
    expect(again.welcome.participant.id).toBe(alice.welcome.participant.id);
    await waitFor(() => again.framesOf('my-votes').length > 0, {
      what: 'the dots after the restart',
    });
    expect(again.framesOf('my-votes')[0]).toMatchObject({
      voteId,
      dots: { tactic: 2 },
      remaining: 0,
    });
    const chief = await open(second, 'facilitator');
    const end = await chief.command({ name: 'private-end' });
    expect(end).toMatchObject({ ok: true, result: { cards: 1, links: 0 } });
    const reveal = await chief.command({ name: 'vote-reveal' });
    expect(reveal).toMatchObject({ ok: true });
    const stored = await fetchServerDoc(second, board.id, board.tokens.viewer);
    const session = readSession(stored);
    expect(session.timer.state).toBe('running');
    expect(session.timer.endsAt! - Date.now()).toBeGreaterThan(500_000);
    expect(session.vote).toMatchObject({
      state: 'revealed',
      results: [{ cardId: 'tactic', dots: 2 }],
      voters: 1,
    });
    expect(readBoard(stored).cards.map((card) => card.title)).toContain('kept through a crash');
  });
});
