/**
 * The benchmark drives every server with its lean client (client.ts). This checks that the
 * lean client and each server's stock provider interoperate through that server — the
 * stock `y-websocket` WebsocketProvider for the reference and ours, `@hocuspocus/provider`
 * for Hocuspocus: a card written by one appears on the other, both ways. If it does, the
 * lean client speaks the same protocol as the provider users run.
 */

import { addCard, cardsMap } from '@fire-triangle/shared';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BenchClient, type RoomAddress } from './client.ts';
import { PEERS, type PeerName, RunningPeer } from './peers.ts';

export interface ProviderCheck {
  peer: PeerName;
  provider: string;
  /** Lean client's card reached the stock provider, and the provider's card the lean client. */
  leanToProvider: boolean;
  providerToLean: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(20);
  }
  return condition();
}

interface StockProvider {
  doc: Y.Doc;
  name: string;
  synced: Promise<void>;
  destroy(): void;
}

function stockProvider(peer: RunningPeer, address: RoomAddress): StockProvider {
  const doc = new Y.Doc();
  if (address.dialect === 'hocuspocus') {
    // Node 20 has no global WebSocket: the provider's socket gets `ws`.
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${peer.port}`,
      WebSocketPolyfill: WebSocket,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: address.docName,
      document: doc,
      token: address.token,
    });
    provider.attach();
    return {
      doc,
      name: '@hocuspocus/provider 3.4.4',
      synced: new Promise((resolve) => provider.on('synced', () => resolve())),
      destroy: () => {
        provider.destroy();
        socket.destroy();
      },
    };
  }
  // Ours serves rooms under /ws/<boardId>?token=…; the reference at /<room>.
  const isOurs = address.url.includes('/ws/');
  const provider = new WebsocketProvider(
    isOurs ? `ws://127.0.0.1:${peer.port}/ws` : `ws://127.0.0.1:${peer.port}`,
    address.docName,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      ...(isOurs ? { params: { token: address.token } } : {}),
    },
  );
  return {
    doc,
    name: 'y-websocket 3 WebsocketProvider',
    synced: new Promise((resolve) => {
      if (provider.synced) resolve();
      provider.on('sync', (isSynced: boolean) => isSynced && resolve());
    }),
    destroy: () => provider.destroy(),
  };
}

export async function checkStockProviders(
  peers: PeerName[] = ['reference', 'hocuspocus', 'ours'],
): Promise<ProviderCheck[]> {
  const checks: ProviderCheck[] = [];
  for (const name of peers) {
    const peer = await RunningPeer.start(PEERS[name]);
    let lean: BenchClient | null = null;
    let provider: StockProvider | null = null;
    try {
      const address = await peer.createRoom('provider check');
      lean = new BenchClient(address, { applyDocument: true });
      await lean.connect();
      addCard(lean.doc, { id: 'c_fromlean', lane: 'objective', title: 'from the lean client' });
      provider = stockProvider(peer, address);
      await provider.synced;
      const providerDoc = provider.doc;
      const leanToProvider = await until(() => cardsMap(providerDoc).has('c_fromlean'));
      addCard(providerDoc, { id: 'c_fromprovider', lane: 'tactic', title: 'from the provider' });
      const leanDoc = lean.doc;
      const providerToLean = await until(() => cardsMap(leanDoc).has('c_fromprovider'));
      checks.push({ peer: name, provider: provider.name, leanToProvider, providerToLean });
    } finally {
      provider?.destroy();
      lean?.close();
      await peer.stop();
    }
  }
  return checks;
}
