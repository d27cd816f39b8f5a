/** The runner's side of the load generators: fork them, send a command, await the answer. */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { LoadGenMessage, RunnerMessage } from './loadgen-protocol.ts';
import { SERVER_DIR } from './peers.ts';

type Kind = LoadGenMessage['kind'];

export class LoadGenerator {
  private waiting = new Map<Kind, (message: LoadGenMessage) => void>();
  private failure: ((error: Error) => void) | null = null;

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: LoadGenMessage) => {
      if (message.kind === 'error') {
        this.failure?.(new Error(`load generator failed: ${message.message}`));
        return;
      }
      const resolve = this.waiting.get(message.kind);
      this.waiting.delete(message.kind);
      resolve?.(message);
    });
    child.on('exit', (code) => {
      this.failure?.(new Error(`load generator exited (${code})`));
    });
  }

  request<K extends Kind>(
    message: RunnerMessage,
    answer: K,
    timeoutMs = 180_000,
  ): Promise<Extract<LoadGenMessage, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`load generator: no ${answer} after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.failure = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      this.waiting.set(answer, (reply) => {
        clearTimeout(timer);
        resolve(reply as Extract<LoadGenMessage, { kind: K }>);
      });
      this.child.send(message);
    });
  }
}

export class LoadGeneratorPool {
  private constructor(readonly generators: LoadGenerator[]) {}

  static start(count: number): LoadGeneratorPool {
    const generators = Array.from({ length: count }, () => {
      const child = fork(path.join(SERVER_DIR, 'bench/loadgen.ts'), [], {
        cwd: SERVER_DIR,
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      return new LoadGenerator(child);
    });
    return new LoadGeneratorPool(generators);
  }

  /** Sends each generator its own message and awaits every answer. */
  all<K extends Kind>(
    messageFor: (index: number) => RunnerMessage,
    answer: K,
    timeoutMs?: number,
  ): Promise<Extract<LoadGenMessage, { kind: K }>[]> {
    return Promise.all(
      this.generators.map((generator, index) =>
        generator.request(messageFor(index), answer, timeoutMs),
      ),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.generators.map(
        (generator) =>
          new Promise<void>((resolve) => {
            if (generator.child.exitCode !== null) return resolve();
            generator.child.once('exit', () => resolve());
            generator.child.send({ kind: 'exit' } satisfies RunnerMessage);
            setTimeout(() => generator.child.kill('SIGKILL'), 5_000).unref();
          }),
      ),
    );
  }
}
