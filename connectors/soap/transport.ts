/**
 * SOAP transport of the soap connector (node-soap): clients from any WSDL, calls with a timeout,
 * faults turned into ConnectorError, and results normalised to what mappings read (attributes as
 * `@name`, absent/nil as null, dates as the text the service sent). The only place it speaks SOAP.
 */
import { type Client, createClientAsync } from 'soap';
import { ConnectorError } from '../contract.js';

const keepText = (text: string) => text;

/** node-soap turns xs:dateTime into Date in the hub's zone; mappings parse the original text instead. */
const CLIENT_OPTIONS = {
  handleNilAsNull: true,
  disableCache: true,
  customDeserializer: { dateTime: keepText, date: keepText, time: keepText },
};

export async function openClient(
  wsdlUrl: string,
  endpoint: string | undefined,
  timeoutMs: number,
): Promise<Client> {
  try {
    const client = await withDeadline(
      createClientAsync(wsdlUrl, { ...CLIENT_OPTIONS, wsdl_options: { timeout: timeoutMs } }),
      timeoutMs,
    );
    if (endpoint) client.setEndpoint(endpoint);
    return client;
  } catch (cause) {
    if (cause instanceof ConnectorError) throw cause;
    throw new ConnectorError('unavailable', `cannot read the WSDL from ${new URL(wsdlUrl).host}`, {
      retryable: true,
      cause,
    });
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConnectorError('timeout', `no answer within ${ms} ms`, { retryable: true })),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

type FaultShape = {
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: unknown; Code?: { Value?: unknown } } } } };
  response?: { status?: number };
};

/** Calls `operation`; a Server fault or a 5xx may pass, a Client fault will not. */
export async function callOperation(
  client: Client,
  operation: string,
  args: unknown,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<unknown> {
  const method = (client as unknown as Record<string, unknown>)[`${operation}Async`];
  if (typeof method !== 'function')
    throw new ConnectorError('config', `the WSDL has no operation ${operation}`, { retryable: false });
  try {
    const [result] = (await withDeadline(
      (method as (a: unknown, o: unknown) => Promise<unknown[]>).call(client, args, {
        timeout: options.timeoutMs,
        signal: options.signal,
      }),
      options.timeoutMs,
    )) as unknown[];
    return normalise(result);
  } catch (cause) {
    if (cause instanceof ConnectorError) throw cause;
    const fault = (cause as FaultShape).root?.Envelope?.Body?.Fault;
    if (fault) {
      // SOAP 1.1 names the party at fault in faultcode, SOAP 1.2 in Code.Value.
      const code = String(fault.faultcode ?? fault.Code?.Value ?? '');
      const clientFault = /(^|:)(Client|Sender)$/.test(code);
      // The fault string is the service's text; only its code goes into our messages.
      throw new ConnectorError(
        clientFault ? 'protocol' : 'unavailable',
        `${operation} answered a SOAP fault (${code || 'no code'})`,
        {
          retryable: !clientFault,
          cause,
        },
      );
    }
    const status = (cause as FaultShape).response?.status;
    if (options.signal.aborted)
      throw new ConnectorError('timeout', `${operation} was aborted`, { retryable: true, cause });
    throw new ConnectorError('unavailable', `${operation} failed${status ? ` (HTTP ${status})` : ''}`, {
      retryable: true,
      cause,
    });
  }
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
