/**
 * The Mina meddelanden adapter against the simulator on loopback, over mutual TLS with a throwaway
 * PKI and a throwaway RSA signing certificate: reachability decides, a delivery arrives signed and
 * sealed with the right structure and language, faults and timeouts are retryable errors without
 * personal data, and the same id twice delivers twice (what the contract leaves us to assume).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PERSONNUMMER } from '../../demo/test-personnummer.js';
import {
  type MinaMeddelandenSimulator,
  startMinaMeddelandenSimulator,
} from '../../simulators/mina-meddelanden/index.js';
import { capturingDestination } from '../../test/support/log-sink.js';
import { makeThrowawayPki, type ThrowawayPki } from '../../test/support/throwaway-pki.js';
import { makeSigningCert, type SigningCert } from '../../test/support/throwaway-signing-cert.js';
import {
  createMinaMeddelandenMailbox,
  type DigitalMail,
  DigitalMailError,
  type MinaMeddelandenMailbox,
  type MinaMeddelandenOptions,
} from './index.js';

const pnr = (i: number) => (TEST_PERSONNUMMER[i]?.number ?? '').replace('-', '');
const REACHABLE = pnr(11);
const NO_MAILBOX = pnr(12);
const BLOCKS_SENDER = pnr(13);
const PENDING = pnr(14);
const ALL = [REACHABLE, NO_MAILBOX, BLOCKS_SENDER, PENDING];
const ORG = '212000-2411';
const SENDER_ID = '162120002411';

let pki: ThrowawayPki;
let signing: SigningCert;
let sim: MinaMeddelandenSimulator;
const simLog: string[] = [];
const sink = capturingDestination(simLog);
const open: MinaMeddelandenMailbox[] = [];

function mailbox(overrides: Partial<MinaMeddelandenOptions> = {}): MinaMeddelandenMailbox {
  const m = createMinaMeddelandenMailbox({
    recipientServiceUrl: sim.recipientUrl,
    sender: { organisationsnummer: ORG, name: 'Sundsvalls kommun' },
    signing,
    supportInfo: { text: 'Kontakta kommunens kontaktcenter', url: 'https://kommun.example/kontakt' },
    tls: {
      ca: pki.read(pki.files.ca),
      cert: pki.read(pki.files.clientCert),
      key: pki.read(pki.files.clientKey),
    },
    timeoutMs: 2000,
    ...overrides,
  });
  open.push(m);
  return m;
}

const mail = (over: Partial<DigitalMail> = {}): DigitalMail => ({
  to: REACHABLE,
  subject: 'Ditt ärende har ändrats',
  text: 'Något har hänt i ditt ärende. Logga in på Mina ärenden för att se vad.',
  language: 'sv',
  id: 'notice-1',
  ...over,
});

/** Nothing that leaves the adapter as an error may hold a personnummer. */
function expectNoPersonalData(error: unknown) {
  const texts = [
    String(error),
    (error as Error).message,
    JSON.stringify(error),
    String((error as Error).cause ?? ''),
  ];
  for (const p of ALL) for (const t of texts) expect(t).not.toContain(p);
}

async function failure(work: Promise<unknown>): Promise<DigitalMailError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigitalMailError);
  expectNoPersonalData(error);
  return error as DigitalMailError;
}

beforeAll(async () => {
  pki = makeThrowawayPki();
  signing = makeSigningCert('Sundsvalls kommun', SENDER_ID);
  sim = await startMinaMeddelandenSimulator({
    senders: [{ id: SENDER_ID, certificates: [signing.certificatePem] }],
    tls: {
      cert: pki.read(pki.files.serverCert),
      key: pki.read(pki.files.serverKey),
      ca: pki.read(pki.files.ca),
    },
    log: (line) => sink.write(`${line}\n`),
  });
}, 30_000);

afterEach(() => {
  for (const m of open.splice(0)) m.close();
  sim.faults.clear();
  sim.mailboxes.clear();
  sim.mailboxes.set(REACHABLE, 'reachable');
  sim.mailboxes.set(BLOCKS_SENDER, 'sender-not-accepted');
  sim.mailboxes.set(PENDING, 'pending');
});

afterAll(async () => {
  await sim?.close();
  pki?.remove();
  for (const line of simLog) for (const p of ALL) expect(line).not.toContain(p);
});

describe('Mina meddelanden mailbox', () => {
  beforeAll(() => {
    sim.mailboxes.set(REACHABLE, 'reachable');
    sim.mailboxes.set(BLOCKS_SENDER, 'sender-not-accepted');
    sim.mailboxes.set(PENDING, 'pending');
  });

  it('delivers to a reachable recipient: one signed, sealed message with the right parts and language', async () => {
    const before = sim.deliveries().length;
    const outcome = await mailbox().send(
      mail({ id: 'notice-en', language: 'en', subject: 'Your case changed' }),
    );
    const received = sim.deliveries().slice(before);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(outcome).toEqual({ outcome: 'delivered', deliveryId: delivery?.transId });
    expect(delivery).toMatchObject({
      senderId: SENDER_ID,
      senderName: 'Sundsvalls kommun',
      recipient: REACHABLE,
      seal: { signaturesOk: true },
      messages: [
        {
          id: 'notice-en',
          subject: 'Your case changed',
          language: 'enUS',
          contentType: 'text/plain',
          text: mail().text,
          supportInfo: { text: 'Kontakta kommunens kontaktcenter', url: 'https://kommun.example/kontakt' },
        },
      ],
    });
    expect(delivery?.signedBy.delivery).toContain('Sundsvalls kommun');
    expect(delivery?.signedBy.seal).toContain('Sundsvalls kommun');
    expect(sim.calls().slice(-2)).toEqual(['isReachable', 'deliverSecure']);
  });

  it.each([
    ['sv', 'svSE'],
    ['ar', 'arSA'],
  ] as const)('writes language %s as %s', async (language, code) => {
    const text = language === 'ar' ? 'حدث تغيير في قضيتك.' : 'Något har ändrats i ditt ärende.';
    await mailbox().send(mail({ id: `lang-${language}`, language, text }));
    expect(sim.deliveries().at(-1)?.messages[0]).toMatchObject({ language: code, text });
  });

  it.each([
    [NO_MAILBOX, 'no-mailbox'],
    [BLOCKS_SENDER, 'sender-not-accepted'],
    [PENDING, 'pending-registration'],
  ] as const)('answers unreachable without delivering (%#: %s)', async (to, reason) => {
    const before = sim.deliveries().length;
    const calls = sim.calls().length;
    expect(await mailbox().send(mail({ to }))).toEqual({ outcome: 'unreachable', reason });
    expect(sim.deliveries()).toHaveLength(before);
    expect(sim.calls().slice(calls)).toEqual(['isReachable']);
  });

  it.each([
    ['a SOAP fault from FaR', 'soap-fault', 1],
    ['HTTP 500 from FaR', 'http-500', 1],
  ] as const)('throws a retryable error on %s', async (_name, kind, count) => {
    sim.faults.add(kind, count);
    const error = await failure(mailbox().send(mail()));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/^isReachable at 127\.0\.0\.1:\d+: /);
  });

  it.each([
    ['a SOAP fault', 'soap-fault', /SOAP fault Server/],
    ['HTTP 500', 'http-500', /HTTP 500$/],
  ] as const)(
    'throws a retryable error on %s from the operator, and nothing is delivered',
    async (_name, kind, text) => {
      const before = sim.deliveries().length;
      sim.faults.add(kind, 1, 'deliverSecure');
      const error = await failure(mailbox().send(mail({ id: 'fault-on-delivery' })));
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/^deliverSecure at 127\.0\.0\.1:\d+: /);
      expect(error.message).toMatch(text);
      expect(sim.deliveries()).toHaveLength(before);
      expect(sim.calls().slice(-2)).toEqual(['isReachable', 'deliverSecure']);
    },
  );

  it('throws a retryable error when no answer comes within the timeout', async () => {
    sim.faults.add('hang');
    const started = Date.now();
    const error = await failure(mailbox({ timeoutMs: 300 }).send(mail()));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('throws a retryable error when the service answers, but too slowly', async () => {
    sim.faults.setDelay(800);
    const error = await failure(mailbox({ timeoutMs: 300 }).send(mail()));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/^isReachable at .*no answer within 300 ms/);
  });

  it('delivers twice when the same id is sent twice (the contract promises no deduplication, sheet §6)', async () => {
    const before = sim.deliveries().length;
    const m = mailbox();
    const first = await m.send(mail({ id: 'same-id' }));
    const second = await m.send(mail({ id: 'same-id' }));
    const received = sim.deliveries().slice(before);
    expect(received.map((d) => d.messages[0]?.id)).toEqual(['same-id', 'same-id']);
    expect(first).toEqual({ outcome: 'delivered', deliveryId: received[0]?.transId });
    expect(second).toEqual({ outcome: 'delivered', deliveryId: received[1]?.transId });
    expect(received[0]?.transId).not.toBe(received[1]?.transId);
  });

  it('is refused, finally, when signing with a certificate the service does not know', async () => {
    const before = sim.deliveries().length;
    const stranger = makeSigningCert('Okänd avsändare', SENDER_ID);
    const error = await failure(mailbox({ signing: stranger }).send(mail()));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^deliverSecure at .*SOAP fault Client/);
    expect(sim.deliveries()).toHaveLength(before);
  });

  it('is refused, finally, for a sender FaR does not know', async () => {
    const error = await failure(
      mailbox({ sender: { organisationsnummer: '556677-8899', name: 'Någon annan' } }).send(mail()),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^isReachable at .*SOAP fault Client/);
  });

  it('needs a client certificate: without one the TLS handshake fails, finally', async () => {
    const error = await failure(mailbox({ tls: { ca: pki.read(pki.files.ca) } }).send(mail()));
    expect(error.message).toMatch(/^isReachable at 127\.0\.0\.1:\d+: TLS error /);
    expect(error.retryable).toBe(false);
  });

  it('refuses plain http addresses unless allowed', async () => {
    const error = await failure(
      mailbox({ recipientServiceUrl: sim.recipientUrl.replace('https:', 'http:') }).send(mail()),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/only https addresses are allowed/);
  });

  it('rejects a recipient that is not a 12-digit personnummer without calling out', async () => {
    const calls = sim.calls().length;
    const error = await failure(
      mailbox().send(mail({ to: `${REACHABLE.slice(0, 8)}-${REACHABLE.slice(8)}` })),
    );
    expect(error.retryable).toBe(false);
    expect(sim.calls()).toHaveLength(calls);
  });
});
