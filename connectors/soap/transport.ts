/**
 * SOAP transport of the soap connector (node-soap): a client from a WSDL URL or file, bound to one
 * chosen port, with basic auth and client TLS; calls with a timeout; failures classified in
 * `failures.ts`; results normalised to what mappings read (attributes as `@name`, absent/nil as
 * null, dates as the text the service sent). The only place it speaks SOAP.
 */
import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import { type Client, createClientAsync } from 'soap';
import { ConnectorError } from '../contract.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../http-body.js';
import { type CallSite, describeSite, failure, faultOf } from './failures.js';
import { choosePort, type PortChoice, type WsdlPort } from './ports.js';

const keepText = (text: string) => text;

/** node-soap turns xs:dateTime into Date in the hub's zone; mappings parse the original text instead. */
const CLIENT_OPTIONS = {
  handleNilAsNull: true,
  disableCache: true,
  customDeserializer: { dateTime: keepText, date: keepText, time: keepText },
};

/** Files of the client certificate and trust; a PFX or a PEM key+cert pair, and an extra CA. */
export type TlsFiles = {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  pfxFile?: string;
  passphrase?: string;
};

export type ServiceOptions = {
  /** Exactly one: the WSDL's URL, or a local copy of it. */
  wsdlUrl?: string;
  wsdlFile?: string;
  endpoint?: string;
  port?: string;
  username?: string;
  password?: string;
  tls?: TlsFiles;
  timeoutMs: number;
  /** An answer above this is cut off while it streams (axios' maxContentLength); default 8 MB. */
  maxResponseBytes?: number;
};

/** A client bound to one port, with what every request needs. */
export type SoapService = {
  client: Client;
  port: PortChoice;
  httpsAgent?: Agent;
  maxResponseBytes: number;
};

function wsdlSite(options: ServiceOptions): CallSite {
  return { operation: 'reading the WSDL', address: options.wsdlUrl ?? options.wsdlFile ?? '' };
}

/** An https agent for the client certificate and the extra CA; checked here so a bad file fails early. */
async function tlsAgent(tls: TlsFiles | undefined, site: CallSite): Promise<Agent | undefined> {
  if (!tls || Object.values(tls).every((v) => v === undefined)) return undefined;
  const read = async (file: string | undefined) => {
    if (file === undefined) return undefined;
    try {
      return await readFile(file);
    } catch (cause) {
      throw failure(cause, { ...site, operation: 'reading a TLS file', address: file });
    }
  };
  const [ca, cert, key, pfx] = await Promise.all([
    read(tls.caFile),
    read(tls.certFile),
    read(tls.keyFile),
    read(tls.pfxFile),
  ]);
  // A custom CA is trusted besides the public roots, as NODE_EXTRA_CA_CERTS would be.
  const options = {
    ...(ca ? { ca: [...rootCertificates, ca.toString('utf8')] } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(pfx ? { pfx } : {}),
    ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
  };
  try {
    createSecureContext(options);
  } catch {
    // OpenSSL's text names neither secret nor file content, but say only what to check.
    throw new ConnectorError(
      'config',
      `${describeSite(site)}: the client certificate, key, passphrase or CA cannot be used`,
      { retryable: false, kind: 'soap' },
    );
  }
  return new Agent({ ...options, keepAlive: true });
}

function portsOf(client: Client): WsdlPort[] {
  const services = client.wsdl.definitions.services as Record<
    string,
    { ports: Record<string, { location?: string | null }> }
  >;
  return Object.entries(services).flatMap(([service, s]) =>
    Object.entries(s.ports).map(([name, p]) => ({ service, name, location: p.location ?? '' })),
  );
}

/**
 * Reads the WSDL (over HTTP with the same credentials and TLS as the calls, or from a file) and
 * binds the client to the chosen port.
 */
export async function openService(options: ServiceOptions): Promise<SoapService> {
  const site = wsdlSite(options);
  const httpsAgent = await tlsAgent(options.tls, site);
  const authorization =
    options.username !== undefined
      ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
      : undefined;
  let client: Client;
  try {
    client = await withDeadline(
      createClientAsync(options.wsdlUrl ?? options.wsdlFile ?? '', {
        ...CLIENT_OPTIONS,
        wsdl_headers: authorization ? { Authorization: authorization } : {},
        // A 401 or 404 for the WSDL must reach the classifier as a status, not as node-soap's text.
        wsdl_options: { timeout: options.timeoutMs, httpsAgent, validateStatus: (s: number) => s === 200 },
      }),
      options.timeoutMs,
      site,
    );
  } catch (cause) {
    const error = failure(cause, site);
    // A WSDL that reads but does not parse is the wrong document, not a busy service.
    if (
      error.code === 'unavailable' &&
      !(cause as { response?: unknown }).response &&
      !(cause as { code?: unknown }).code
    )
      throw new ConnectorError('config', `${describeSite(site)}: not a WSDL node-soap can read`, {
        retryable: false,
        kind: 'soap',
      });
    throw error;
  }
  const port = choosePort(portsOf(client), options);
  if (authorization) client.addHttpHeader('Authorization', authorization);
  client.setEndpoint(port.address);
  return {
    client,
    port,
    httpsAgent,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
}

function withDeadline<T>(work: Promise<T>, ms: number, site: CallSite): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ConnectorError('timeout', `${describeSite(site)}: no answer within ${ms} ms`, {
              retryable: true,
              kind: 'soap',
            }),
          ),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

type PortMethod = (
  args: unknown,
  callback: (error: unknown, result: unknown) => void,
  options: Record<string, unknown>,
) => void;

/**
 * Calls `operation` on the chosen port. A fault whose text matches `notFound` (fetch-one's "no such
 * record") resolves to undefined; anything else that fails is a ConnectorError from `failure`.
 */
export async function callOperation(
  service: SoapService,
  operation: string,
  args: unknown,
  options: { timeoutMs: number; signal: AbortSignal; notFound?: RegExp },
): Promise<unknown> {
  const { client, port } = service;
  const site: CallSite = { operation, address: port.address, port: port.name };
  const bound = (client as unknown as Record<string, Record<string, Record<string, unknown>>>)[
    port.service
  ]?.[port.name]?.[operation];
  if (typeof bound !== 'function')
    throw new ConnectorError('config', `${describeSite(site)}: the WSDL has no such operation on this port`, {
      retryable: false,
      kind: 'soap',
    });
  const call = new Promise<unknown>((resolve, reject) => {
    (bound as PortMethod)(args, (error, result) => (error ? reject(error) : resolve(result)), {
      timeout: options.timeoutMs,
      signal: options.signal,
      maxContentLength: service.maxResponseBytes,
      ...(service.httpsAgent ? { httpsAgent: service.httpsAgent } : {}),
    });
  });
  try {
    return normalise(await withDeadline(call, options.timeoutMs, site));
  } catch (cause) {
    const fault = faultOf(cause);
    if (fault && options.notFound?.test(fault.text)) return undefined;
    throw failure(cause, site, options.signal.aborted);
  }
}

/** Frees the keep-alive sockets of the client certificate's agent. */
export function closeService(service: SoapService | undefined): void {
  service?.httpsAgent?.destroy();
}

/**
 * node-soap gives attributes as `attributes: {…}` and typed values as booleans/numbers; mappings
 * read `@name` and text, as from any XML source.
 */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'attributes' && inner && typeof inner === 'object') {
      for (const [name, attr] of Object.entries(inner)) out[`@${name}`] = attr;
    } else if (key === '$value') out['#text'] = normalise(inner);
    else out[key] = normalise(inner);
  }
  return out;
}
