// A Redis server of the test's own, on a free port, that the test may stop and start again (never the shared one).
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from '../../testkit/ports.js';

export interface OwnRedis {
  url: string;
  port: number;
  /** Starts it (again) on the same port, empty: nothing is saved. */
  start(): Promise<void>;
  /** Stops it (SIGKILL: Redis vanishes as in a crash) and waits for its exit. */
  stop(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and commands go unanswered, as in a network partition. */
  pause(): void;
  /** Lets a frozen server go on (SIGCONT). */
  resume(): void;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return;
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      const deadline = Date.now() + 10_000;
      while (!(await accepts(port))) {
        if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
        if (Date.now() > deadline) throw new Error('redis-server did not start');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
  };
  await server.start();
  return server;
}
