/**
 * The simulator at the wire, with hand-written requests: the answer shapes of the fixtures, faults
 * for a wrong sender or a broken delivery, a delivery signed prefix-free but sent with prefixes (as
 * JAXB writes it) still accepted, and any change after signing refused.
 */
import { DOMParser } from '@xmldom/xmldom';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PERSONNUMMER } from '../../demo/test-personnummer.js';
import { type DeliveryInput, sealedDeliveryXml } from '../../notify/digital-mail/delivery-xml.js';
import { makeSigningCert, type SigningCert } from '../../test/support/throwaway-signing-cert.js';
import { type MinaMeddelandenSimulator, startMinaMeddelandenSimulator } from './index.js';
import { NS } from './xml.js';

const pnr = (i: number) => (TEST_PERSONNUMMER[i]?.number ?? '').replace('-', '');
const REACHABLE = pnr(15);
const NO_MAILBOX = pnr(16);
const SENDER_ID = '162120002411';

let sim: MinaMeddelandenSimulator;
let signing: SigningCert;
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (n) => n === 'return' });

async function post(url: string, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    body: `<soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`,
  });
  return { status: res.status, body: parser.parse(await res.text()).Envelope.Body };
}

const errorCode = (body: Record<string, unknown>) =>
  (body.Fault as { detail: { applicationFault: { ErrorCode: string } } }).detail.applicationFault.ErrorCode;

function input(over: Partial<DeliveryInput> = {}): DeliveryInput {
  return {
    senderId: SENDER_ID,
    senderName: 'Sundsvalls kommun',
    recipient: REACHABLE,
    messageId: 'm-1',
    subject: 'Ditt ärende har ändrats',
    text: 'Logga in för att se vad som har hänt.',
    language: 'sv',
    supportInfo: { text: 'Ring kontaktcenter' },
    receivedTime: new Date('2026-11-30T08:00:00Z'),
    ...over,
  };
}

/** The same element tree written with a prefix per namespace declared on the root, as JAXB does. */
function withPrefixes(xml: string): string {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
  const prefixes = new Map<string, string>();
  const prefix = (ns: string) => {
    if (!prefixes.has(ns)) prefixes.set(ns, `ns${prefixes.size + 2}`);
    return prefixes.get(ns) as string;
  };
  const write = (e: Element): string => {
    const name = `${prefix(e.namespaceURI ?? '')}:${e.localName}`;
    const attrs = Array.from({ length: e.attributes.length }, (_, i) => e.attributes.item(i) as Attr)
      .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
      .map((a) => ` ${a.name}="${a.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
      .join('');
    let inner = '';
    for (let n = e.firstChild; n; n = n.nextSibling)
      inner +=
        n.nodeType === 1
          ? write(n as Element)
          : (n.nodeValue ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `<${name}${attrs}>${inner}</${name}>`;
  };
  const body = write(root);
  const declarations = [...prefixes].map(([ns, p]) => ` xmlns:${p}="${ns}"`).join('');
  return body.replace(/^<([^\s>]+)/, `<$1${declarations}`);
}

beforeAll(async () => {
  signing = makeSigningCert('Sundsvalls kommun', SENDER_ID);
  sim = await startMinaMeddelandenSimulator({
    senders: [{ id: SENDER_ID, certificates: [signing.certificatePem] }],
  });
  sim.mailboxes.set(REACHABLE, 'reachable');
}, 30_000);

afterAll(async () => {
  await sim?.close();
});

describe('Mina meddelanden simulator', () => {
  it('answers isReachable for each recipient, with a service supplier only where there is a mailbox', async () => {
    const { status, body } = await post(
      sim.recipientUrl,
      `<ns17:isReachable xmlns:ns17="${NS.recipientV3}"><ns17:senderOrgNr>${SENDER_ID}</ns17:senderOrgNr>` +
        `<ns17:recipientId>${REACHABLE}</ns17:recipientId><ns17:recipientId>${NO_MAILBOX}</ns17:recipientId></ns17:isReachable>`,
    );
    expect(status).toBe(200);
    const [reachable, none] = (body.isReachableResponse as { return: Record<string, unknown>[] }).return;
    expect(reachable).toEqual({
      AccountStatus: {
        RecipientId: REACHABLE,
        Type: 'Secure',
        Pending: 'false',
        ServiceSupplier: {
          Id: '165566778899',
          Name: 'Simulerad brevlåda',
          ServiceAdress: sim.serviceUrl,
          UIAdress: sim.serviceUrl.replace('/service/v3', '/'),
          InternalServiceAdress: '',
        },
      },
      SenderAccepted: 'true',
    });
    expect(none).toEqual({
      AccountStatus: { RecipientId: NO_MAILBOX, Pending: 'false' },
      SenderAccepted: 'false',
    });
  });

  it('faults isReachable from an unregistered sender and for a recipient that is not 12 digits', async () => {
    const ask = (sender: string, recipient: string) =>
      post(
        sim.recipientUrl,
        `<isReachable xmlns="${NS.recipientV3}"><senderOrgNr>${sender}</senderOrgNr><recipientId>${recipient}</recipientId></isReachable>`,
      );
    const stranger = await ask('165566778899', REACHABLE);
    expect(stranger.status).toBe(500);
    expect(errorCode(stranger.body)).toBe('1002');
    const short = await ask(SENDER_ID, REACHABLE.slice(2));
    expect(errorCode(short.body)).toBe('1003');
  });

  it('accepts a delivery signed prefix-free and sent with prefixes, as a JAXB client sends it', async () => {
    const before = sim.deliveries().length;
    const prefixed = withPrefixes(sealedDeliveryXml(input({ messageId: 'prefixed' }), signing));
    expect(prefixed).toMatch(/^<ns2:deliverSecure xmlns:ns2=/);
    const { status, body } = await post(
      sim.serviceUrl,
      `<x:deliverSecure xmlns:x="${NS.serviceV3}">${prefixed}</x:deliverSecure>`,
    );
    expect(status).toBe(200);
    const result = (body.deliverSecureResponse as { return: { TransId: string; Status: unknown }[] })
      .return[0];
    expect(result?.Status).toEqual({ RecipientId: REACHABLE, Delivered: 'true' });
    expect(
      sim
        .deliveries()
        .slice(before)
        .map((d) => [d.transId, d.messages[0]?.id]),
    ).toEqual([[result?.TransId, 'prefixed']]);
  });

  it.each([
    [
      'a changed subject (sender signature)',
      (x: string) => x.replace('Ditt ärende har ändrats', 'Ditt ärende är avslutat'),
    ],
    [
      'a changed seal time (seal signature)',
      (x: string) => x.replace('2026-11-30T08:00:00.000Z', '2026-11-30T09:00:00.000Z'),
    ],
  ])('refuses a delivery with %s after signing', async (_name, change) => {
    const before = sim.deliveries().length;
    const xml = sealedDeliveryXml(input(), signing);
    const changed = change(xml);
    expect(changed).not.toBe(xml);
    const { status, body } = await post(
      sim.serviceUrl,
      `<deliverSecure xmlns="${NS.serviceV3}">${changed}</deliverSecure>`,
    );
    expect(status).toBe(500);
    expect(errorCode(body)).toBe('1006');
    expect(sim.deliveries()).toHaveLength(before);
  });

  it('refuses a delivery to a recipient without a mailbox here, and one missing its seal', async () => {
    const toNobody = await post(
      sim.serviceUrl,
      `<deliverSecure xmlns="${NS.serviceV3}">${sealedDeliveryXml(input({ recipient: NO_MAILBOX }), signing)}</deliverSecure>`,
    );
    expect(errorCode(toNobody.body)).toBe('1004');
    const unsealed = sealedDeliveryXml(input(), signing).replace(/<Seal [\s\S]*<\/Seal>/, '');
    const noSeal = await post(
      sim.serviceUrl,
      `<deliverSecure xmlns="${NS.serviceV3}">${unsealed}</deliverSecure>`,
    );
    expect(errorCode(noSeal.body)).toBe('1005');
  });
});
