/** Real `arendenav serve` processes from `dist/` (built first when stale), for drills across processes. */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { builtDist } from './built-dist.js';
import { spawnLogged } from './child-process.js';
import { freePort } from './free-port.js';

export type HubProcess = {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr (JSON log lines), for the drill's failure messages. */
  output(): string;
  /** True once the process has exited, however. */
  exited(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** Starts `arendenav serve` on a free loopback port and waits until it answers /healthz. */
export async function startHubProcess(name: string, env: Record<string, string>): Promise<HubProcess> {
  const cli = fileURLToPath(new URL('cli/main.js', await builtDist()));
  const port = await freePort();
  const child = spawnLogged(process.execPath, [cli, 'serve'], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
  });
  let text = '';
  let gone = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exit = new Promise<void>((done) => child.once('exit', () => done()));
  void exit.then(() => {
    gone = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (true) {
    if (gone) throw new Error(`hub ${name} exited during start-up:\n${text}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`hub ${name} did not answer within 20 s:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    port,
    url,
    child,
    output: () => text,
    exited: () => gone,
    async stop(signal = 'SIGTERM') {
      if (gone) return;
      child.kill(signal);
      await exit;
    },
  };
}
