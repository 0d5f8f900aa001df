/**
 * SOAP 1.1 over HTTP(S) to Mina meddelanden: `isReachable` at FaR's Recipient service and
 * `deliverSecure` at the mailbox operator's ServiceAdress (docs/contracts/mina-meddelanden.md §3–4).
 * The only file of the adapter that speaks the wire. Errors name the operation and `host:port` and
 * never carry the request or answer text: both hold a personnummer.
 */
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { XMLParser } from 'fast-xml-parser';
import { NS } from './namespaces.js';
import { DigitalMailError } from './types.js';
import { escapeText } from './xml-text.js';

export type TlsOptions = {
  /** Extra trusted CA (PEM) besides the public roots. */
  ca?: string | Buffer;
  /** Client certificate and key (PEM) for mutual TLS. */
  cert?: string | Buffer;
  key?: string | Buffer;
};

export type Transport = {
  isReachable(senderOrgNr: string, recipientId: string): Promise<ReachabilityStatus | undefined>;
  deliverSecure(serviceAddress: string, innerDeliverSecure: string): Promise<DeliveryResult>;
  close(): void;
};

export type ReachabilityStatus = {
  pending: boolean;
  senderAccepted: boolean;
  serviceAddress?: string;
};

export type DeliveryResult = { transId: string; delivered: boolean };

const MAX_ANSWER_BYTES = 1024 * 1024;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'return' || name === 'Status',
});

function hostPort(address: string): string {
  try {
    const url = new URL(address);
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return 'an invalid address';
  }
}

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

type Answer = { status: number; text: string };

type Fault = { faultcode?: unknown; faultstring?: unknown };

export function createTransport(options: {
  recipientServiceUrl: string;
  timeoutMs: number;
  tls?: TlsOptions;
  allowPlainHttp?: boolean;
}): Transport {
  // An extra CA is trusted besides the public roots (operators use public CAs), as the soap connector does.
  const { ca, ...client } = options.tls ?? {};
  const agent = new Agent({
    keepAlive: true,
    ...client,
    ...(ca ? { ca: [...rootCertificates, ca.toString()] } : {}),
  });

  function post(operation: string, address: string, body: string): Promise<Answer> {
    const site = `${operation} at ${hostPort(address)}`;
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return Promise.reject(new DigitalMailError(`${site}: the address is not a URL`, { retryable: false }));
    }
    const https = url.protocol === 'https:';
    if (!https && !(url.protocol === 'http:' && options.allowPlainHttp))
      return Promise.reject(
        new DigitalMailError(`${site}: only https addresses are allowed`, { retryable: false }),
      );
    const payload = Buffer.from(envelope(body), 'utf8');
    return new Promise<Answer>((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          ...(https ? { agent } : {}),
          headers: {
            'content-type': 'text/xml; charset=utf-8',
            soapaction: '""',
            'content-length': payload.length,
          },
          signal: AbortSignal.timeout(options.timeoutMs),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) {
              req.destroy();
              reject(new DigitalMailError(`${site}: the answer is larger than 1 MB`, { retryable: false }));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', (cause) => reject(networkError(site, cause)));
        },
      );
      req.on('error', (cause) => reject(networkError(site, cause, options.timeoutMs)));
      req.end(payload);
    });
  }

  /** The parsed Body of a 200 answer, or the error a fault or status means. */
  function bodyOf(operation: string, address: string, answer: Answer): Record<string, unknown> {
    const site = `${operation} at ${hostPort(address)}`;
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = (parser.parse(answer.text) as { Envelope?: { Body?: Record<string, unknown> } }).Envelope
        ?.Body;
    } catch {
      parsed = undefined;
    }
    const fault = parsed?.Fault as Fault | undefined;
    if (fault) {
      // A Client fault says our request is wrong: sending it again cannot help. Server faults may pass.
      const code =
        String(fault.faultcode ?? '')
          .split(':')
          .pop() ?? '';
      const retryable = code !== 'Client';
      throw new DigitalMailError(`${site}: SOAP fault ${code || 'without a code'} (HTTP ${answer.status})`, {
        retryable,
      });
    }
    if (answer.status !== 200)
      throw new DigitalMailError(`${site}: HTTP ${answer.status}`, {
        retryable: answer.status >= 500 || answer.status === 429 || answer.status === 408,
      });
    if (!parsed)
      throw new DigitalMailError(`${site}: the answer is not a SOAP envelope`, { retryable: false });
    return parsed;
  }

  return {
    async isReachable(senderOrgNr, recipientId) {
      const operation = 'isReachable';
      const address = options.recipientServiceUrl;
      const answer = await post(
        operation,
        address,
        `<isReachable xmlns="${NS.recipientV3}"><senderOrgNr>${escapeText(senderOrgNr)}</senderOrgNr>` +
          `<recipientId>${escapeText(recipientId)}</recipientId></isReachable>`,
      );
      const body = bodyOf(operation, address, answer);
      const response = body.isReachableResponse as { return?: Record<string, unknown>[] } | undefined;
      if (!response)
        throw new DigitalMailError(`${operation} at ${hostPort(address)}: no isReachableResponse`, {
          retryable: false,
        });
      const status = response.return?.find(
        (r) => (r.AccountStatus as Record<string, unknown> | undefined)?.RecipientId === recipientId,
      );
      if (!status) return undefined;
      const account = status.AccountStatus as Record<string, unknown>;
      const supplier = account.ServiceSupplier as Record<string, unknown> | undefined;
      const serviceAddress = typeof supplier?.ServiceAdress === 'string' ? supplier.ServiceAdress.trim() : '';
      return {
        pending: account.Pending === 'true',
        senderAccepted: status.SenderAccepted === 'true',
        ...(serviceAddress ? { serviceAddress } : {}),
      };
    },

    async deliverSecure(serviceAddress, innerDeliverSecure) {
      const operation = 'deliverSecure';
      const answer = await post(
        operation,
        serviceAddress,
        `<deliverSecure xmlns="${NS.serviceV3}">${innerDeliverSecure}</deliverSecure>`,
      );
      const body = bodyOf(operation, serviceAddress, answer);
      const result = (body.deliverSecureResponse as { return?: Record<string, unknown>[] } | undefined)
        ?.return?.[0];
      const transId = typeof result?.TransId === 'string' ? result.TransId : '';
      const status = (result?.Status as Record<string, unknown>[] | undefined)?.[0];
      if (!transId || !status)
        throw new DigitalMailError(
          `${operation} at ${hostPort(serviceAddress)}: no TransId or Status in the answer`,
          {
            retryable: false,
          },
        );
      return { transId, delivered: status.Delivered === 'true' };
    },

    close: () => agent.destroy(),
  };
}

/** Connection trouble and timeouts may pass; certificate problems will not. */
function networkError(site: string, cause: unknown, timeoutMs?: number): DigitalMailError {
  const error = cause as { name?: string; code?: string };
  if (error.name === 'TimeoutError' || error.name === 'AbortError')
    return new DigitalMailError(`${site}: no answer within ${timeoutMs ?? '?'} ms`, { retryable: true });
  const code = typeof error.code === 'string' ? error.code : 'unknown';
  const tls = /CERT|SSL|TLS|SELF_SIGNED|HOSTNAME|ERR_SSL/.test(code);
  return new DigitalMailError(`${site}: ${tls ? 'TLS' : 'connection'} error ${code}`, { retryable: !tls });
}
