/**
 * A throwaway RabbitMQ node of the test's own (its own node name, ports, data and log directories
 * under $TMPDIR, loopback only), for tests and drills that kill the broker: `kill()` sends SIGKILL to
 * this node's beam process and nothing else, `start()` brings it back on the same port with its
 * durable data. The shared broker (TEST_AMQP_URL, port 5672) is never touched.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runLogged, spawnLogged } from './child-process.js';
import { freePort } from './free-port.js';

/** Debian's unwrapped scripts (the /usr/sbin wrappers switch to the rabbitmq user, who cannot write our dirs). */
const DEBIAN_SCRIPTS = '/usr/lib/rabbitmq/bin';

export type RabbitNode = {
  /** amqp://guest:guest@127.0.0.1:<port> */
  url: string;
  port: number;
  nodeName: string;
  /** The node's beam process now (from its pid file), if it runs. */
  pid(): number | undefined;
  /** SIGKILL to this node's beam process, as a crash or the OOM killer would; resolves when it is gone. */
  kill(): Promise<void>;
  /** Starts the node (again) on the same port with the same data; resolves when it accepts connections. */
  start(): Promise<void>;
  /** Stops the node gracefully. */
  stop(): Promise<void>;
  /** Stops (or kills) the node and deletes its directories. */
  remove(): Promise<void>;
  /** Runs `rabbitmqctl -n <this node> …args` (e.g. set_vm_memory_high_watermark 0, to block publishers). */
  ctl(args: string[]): Promise<string>;
};

let nodes = 0;

function scripts(name: 'rabbitmq-server' | 'rabbitmqctl'): string {
  return existsSync(`${DEBIAN_SCRIPTS}/${name}`) ? `${DEBIAN_SCRIPTS}/${name}` : name;
}

/**
 * @example
 * const broker = await startRabbitNode('drill');
 * await broker.kill(); await broker.start(); // … await broker.remove();
 */
export async function startRabbitNode(label = 'drill'): Promise<RabbitNode> {
  const dir = mkdtempSync(join(tmpdir(), `rabbitmq-${label}-`));
  nodes += 1;
  const nodeName = `${label}-${process.pid}-${nodes}@localhost`;
  const port = await freePort();
  let distPort = await freePort();
  while (distPort === port) distPort = await freePort();
  const pidFile = join(dir, 'beam.pid');
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  writeFileSync(join(dir, 'rabbitmq-env.conf'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    // The Erlang cookie is created in HOME: this node's own, shared with no other node.
    HOME: dir,
    TMPDIR: dir,
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: pidFile,
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq'),
  };
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const ctl = (args: string[], timeout = 30_000) =>
    runLogged(scripts('rabbitmqctl'), ['-n', nodeName, ...args], { env, cwd: dir, timeout });

  /** The pid in the pid file, only while that process is this node's beam (a pid may be reused). */
  function pid(): number | undefined {
    if (!existsSync(pidFile)) return undefined;
    const n = Number(readFileSync(pidFile, 'utf8').trim());
    if (!Number.isInteger(n) || n <= 0) return undefined;
    try {
      const cmdline = readFileSync(`/proc/${n}/cmdline`, 'utf8');
      // The beam's command line names its home, this node's own directory (the node name is in its environment).
      return cmdline.split('\0').includes(dir) ? n : undefined;
    } catch {
      return undefined;
    }
  }

  async function start(): Promise<void> {
    if (server && server.exitCode === null && server.signalCode === null) {
      throw new Error(`RabbitMQ node ${nodeName} is already running`);
    }
    rmSync(pidFile, { force: true });
    const child = spawnLogged(scripts('rabbitmq-server'), [], { env, cwd: dir });
    server = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (gone) throw new Error(`RabbitMQ node ${nodeName} exited while starting (see .tmp/test-output/)`);
      try {
        await ctl(['await_startup', '--timeout', '5'], 15_000);
        if (pid() !== undefined) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) {
        killNow();
        throw new Error(`RabbitMQ node ${nodeName} did not start in 90 s`);
      }
      await sleep(500);
    }
  }

  /** SIGKILL to this node's beam, if it runs; synchronous, for a test process that is exiting. */
  function killNow(): number | undefined {
    const beam = pid();
    if (beam !== undefined) process.kill(beam, 'SIGKILL');
    return beam;
  }
  // A test that dies before its afterAll must not leave a broker running.
  process.once('exit', killNow);

  async function kill(): Promise<void> {
    const beam = killNow();
    if (beam === undefined) throw new Error(`RabbitMQ node ${nodeName} is not running`);
    await exited;
    // epmd forgets the name when the node's connection to it drops; a restart needs the name free.
    while (existsSync(`/proc/${beam}`)) await sleep(50);
  }

  async function stop(): Promise<void> {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    try {
      await ctl(['stop'], 60_000);
    } catch {
      if (pid() !== undefined) await kill();
    }
    await exited;
  }

  await start();
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    port,
    nodeName,
    pid,
    kill,
    start,
    stop,
    ctl: async (args) => (await ctl(args)).stdout,
    async remove() {
      await stop().catch(async () => {
        if (pid() !== undefined) await kill();
      });
      process.removeListener('exit', killNow);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
