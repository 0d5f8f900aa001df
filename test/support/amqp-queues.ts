/**
 * Helpers for tests against a real RabbitMQ at `url` (a test gets it from `needs('rabbitmq', …)`): wait
 * for a condition, read queue depths and dead letters, publish raw bodies.
 */
import amqp, { type GetMessage } from 'amqplib';

export const AMQP_URL = process.env.TEST_AMQP_URL;
if (process.env.CI === 'true' && !AMQP_URL) {
  throw new Error(
    'CI must run the AMQP tests against RabbitMQ: TEST_AMQP_URL is not set (run scripts/test.sh).',
  );
}

/** Polls `check` every 100 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Messages ready in `queue` (not those delivered and not yet acknowledged). */
export async function queueDepth(url: string, queue: string): Promise<number> {
  const conn = await amqp.connect(url);
  try {
    return (await (await conn.createChannel()).checkQueue(queue)).messageCount;
  } finally {
    await conn.close();
  }
}

/** Takes every message from `queue` (acknowledged: they are gone afterwards). */
export async function drain(url: string, queue: string): Promise<GetMessage[]> {
  const conn = await amqp.connect(url);
  try {
    const ch = await conn.createChannel();
    const out: GetMessage[] = [];
    for (let m = await ch.get(queue, { noAck: true }); m; m = await ch.get(queue, { noAck: true }))
      out.push(m);
    return out;
  } finally {
    await conn.close();
  }
}

/** Publishes raw bodies (as a broken or hostile sender would) to `exchange`, confirmed. */
export async function publishRaw(
  url: string,
  exchange: string,
  messages: { routingKey: string; body: Buffer | string; messageId: string }[],
): Promise<void> {
  const conn = await amqp.connect(url);
  try {
    const ch = await conn.createConfirmChannel();
    for (const m of messages)
      ch.publish(exchange, m.routingKey, Buffer.isBuffer(m.body) ? m.body : Buffer.from(m.body), {
        persistent: true,
        messageId: m.messageId,
      });
    await ch.waitForConfirms();
  } finally {
    await conn.close();
  }
}
