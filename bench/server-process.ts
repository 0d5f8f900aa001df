/** Starts the bench's API server child, waits for its port and token, and stops it again. */
import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { HUB_NODE_OPTIONS } from './hub-node-options.js';
import type { ServerReady, ServerStopped } from './server-protocol.js';

export type ServerLog = { lines: number; errors: number; first: string[] };

export type ServerChild = {
  pid: number;
  port: number;
  token: string;
  /** What the server logged; collected instead of printed so a failing scenario does not bury the table. */
  log: ServerLog;
  /** Stops the child; resolves with its peak RSS in kB (undefined when it did not say). */
  stop(): Promise<number | undefined>;
};

const SERVER_SCRIPT = fileURLToPath(new URL('./server.js', import.meta.url));

/** Forks bench/server.js over `databaseUrl`; rejects when it exits before it is ready. */
export function startServerChild(databaseUrl: string): Promise<ServerChild> {
  // With the image's heap options: the server is measured as it runs in production.
  const child = fork(SERVER_SCRIPT, [databaseUrl], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execArgv: [...HUB_NODE_OPTIONS],
  });
  const log: ServerLog = { lines: 0, errors: 0, first: [] };
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.lines++;
      if (line.includes('"level":"error"') || line.includes('"level":"fatal"')) log.errors++;
      if (log.first.length < 3) log.first.push(line.slice(0, 400));
    });
  }
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`bench server exited with ${code} before it was ready: ${log.first.join('\n')}`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (message: ServerReady) => {
      child.off('exit', onExit);
      if (message.type !== 'ready' || !child.pid)
        return reject(new Error('bench server sent no ready message'));
      resolve({
        pid: child.pid,
        port: message.port,
        token: message.token,
        log,
        stop: () =>
          new Promise((stopped) => {
            let maxRssKb: number | undefined;
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.on('message', (m: ServerStopped) => {
              if (m.type === 'stopped') maxRssKb = m.maxRssKb;
            });
            child.once('exit', () => {
              clearTimeout(timer);
              stopped(maxRssKb);
            });
            child.send('stop');
          }),
      });
    });
  });
}
