/**
 * What went wrong on the SOAP wire, as a ConnectorError the engine can act on: a wrong contract,
 * address, credential or certificate is final (retrying cannot help), a busy or unreachable
 * service is retryable. Messages name where (host:port, WSDL port, operation) and the cause, and
 * carry nothing from the request or the answer's text: both can hold personnummer.
 */
import { ConnectorError, type ConnectorErrorCode } from '../contract.js';

/** Where a call went: `operation` is a SOAP operation or "reading the WSDL". */
export type CallSite = { operation: string; address: string; port?: string };

type ErrorShape = {
  code?: unknown;
  root?: { Envelope?: { Body?: { Fault?: FaultBody } } };
  response?: { status?: number; headers?: Record<string, unknown> };
};
type FaultBody = { faultcode?: unknown; faultstring?: unknown; Code?: { Value?: unknown }; Reason?: unknown };

/** A SOAP fault's code and text; the text is for matching only, never for messages. */
export function faultOf(cause: unknown): { code: string; text: string } | undefined {
  const fault = (cause as ErrorShape | undefined)?.root?.Envelope?.Body?.Fault;
  if (!fault) return undefined;
  return {
    code: textOf(fault.faultcode ?? fault.Code?.Value),
    text: textOf(fault.faultstring ?? fault.Reason),
  };
}

/** Element text as node-soap gives it: a string, `{ attributes, $value }` (xml:lang), or SOAP 1.2's `Reason.Text`. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    if ('$value' in value) return String(value.$value);
    if ('Text' in value) return textOf(value.Text);
  }
  return '';
}

/** `host:port` of an address, with the scheme's default port spelled out; a file's base name. */
export function hostPort(address: string): string {
  try {
    const url = new URL(address);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return `${url.hostname}:${port}`;
  } catch {
    return `file ${address.split(/[\\/]/).pop() ?? ''}`;
  }
}

/** "GetArende at byggr.example:443 (port BasicHttpBinding_IExportArenden1)". */
export function describeSite(site: CallSite): string {
  return `${site.operation} at ${hostPort(site.address)}${site.port ? ` (port ${site.port})` : ''}`;
}

type Verdict = { code: ConnectorErrorCode; retryable: boolean; reason: string; retryAfterMs?: number };

const final = (reason: string): Verdict => ({ code: 'config', retryable: false, reason });

/** Fault codes (local names) that say the request does not fit the service's contract or address. */
const CONTRACT_FAULTS = new Set([
  'ActionNotSupported',
  'ContractFilter',
  'DestinationUnreachable',
  'EndpointUnavailable',
  'InvalidSecurity',
  'FailedAuthentication',
  'Client',
  'Sender',
  'VersionMismatch',
  'MustUnderstand',
]);

function verdictForFault(code: string, text: string): Verdict {
  const local = code.split(':').pop() ?? '';
  if (local === 'ActionNotSupported' || /ContractFilter mismatch/i.test(text))
    return final(
      `SOAP fault ${code || 'ActionNotSupported'}: the service does not know this SOAPAction (check the contract version and port)`,
    );
  if (/AddressFilter mismatch/i.test(text))
    return final(`SOAP fault ${code}: the service is at another address`);
  if (CONTRACT_FAULTS.has(local))
    return final(`SOAP fault ${code}: the service refused the request as wrong`);
  return { code: 'unavailable', retryable: true, reason: `SOAP fault ${code || 'without a code'}` };
}

function retryAfter(headers: Record<string, unknown> | undefined): number | undefined {
  const raw = headers?.['retry-after'];
  const seconds = typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function verdictForStatus(status: number, headers: Record<string, unknown> | undefined): Verdict {
  if (status === 401 || status === 403)
    return final(
      `HTTP ${status}: the service refused the credentials (check username, password and certificate)`,
    );
  if (status === 404) return final('HTTP 404: no service at this address (check the address and port)');
  if (status === 415) return final('HTTP 415: the service expects another SOAP version (check the port)');
  if (status === 408) return { code: 'timeout', retryable: true, reason: 'HTTP 408' };
  if (status === 429)
    return { code: 'rate_limited', retryable: true, reason: 'HTTP 429', retryAfterMs: retryAfter(headers) };
  if (status >= 400 && status < 500) return final(`HTTP ${status}: the service refused the request`);
  return {
    code: 'unavailable',
    retryable: true,
    reason: `HTTP ${status}`,
    retryAfterMs: retryAfter(headers),
  };
}

/** Node/OpenSSL codes for a certificate or TLS handshake the connector cannot fix by waiting. */
const TLS_CODE =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|ERR_OSSL_|EPROTO$|HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE)/;
const TIMEOUT_CODE = /^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT|ERR_CANCELED)$/;

function verdictForCode(code: string): Verdict | undefined {
  if (TLS_CODE.test(code))
    return final(`TLS ${code} (check the CA, the client certificate and the port's scheme)`);
  if (code === 'ENOTFOUND') return final('ENOTFOUND: no such host (check the address)');
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
    return final(`${code}: cannot read the file`);
  if (TIMEOUT_CODE.test(code)) return { code: 'timeout', retryable: true, reason: code };
  if (/^E[A-Z]+$/.test(code)) return { code: 'unavailable', retryable: true, reason: code };
  return undefined;
}

/**
 * The ConnectorError for `cause` at `site`. The raw cause (node-soap/axios errors hold the request
 * body and its Authorization header) is replaced by a summary of what was classified.
 */
export function failure(cause: unknown, site: CallSite, aborted = false): ConnectorError {
  if (cause instanceof ConnectorError) return cause;
  // axios cuts an answer off at maxContentLength: the same answer comes back as large (http-body.ts).
  const cap = /^maxContentLength size of (\d+) exceeded$/.exec(
    String((cause as { message?: unknown })?.message),
  );
  if (cap)
    return new ConnectorError(
      'bad_data',
      `${describeSite(site)}: the answer is larger than ${cap[1]} bytes`,
      {
        retryable: false,
        kind: 'soap',
      },
    );
  const shape = (cause ?? {}) as ErrorShape;
  const fault = faultOf(cause);
  const status = shape.response?.status;
  const code = typeof shape.code === 'string' ? shape.code : '';
  const verdict: Verdict =
    (fault && verdictForFault(fault.code, fault.text)) ||
    (aborted ? { code: 'timeout', retryable: true, reason: 'aborted' } : undefined) ||
    (status !== undefined && status >= 400 ? verdictForStatus(status, shape.response?.headers) : undefined) ||
    verdictForCode(code) ||
    (status === 200
      ? {
          code: 'protocol',
          retryable: false,
          reason: 'the answer is not the SOAP message the WSDL describes',
        }
      : { code: 'unavailable', retryable: true, reason: 'no usable answer' });
  return new ConnectorError(verdict.code, `${describeSite(site)}: ${verdict.reason}`, {
    retryable: verdict.retryable,
    retryAfterMs: verdict.retryAfterMs,
    kind: 'soap',
    cause: { faultcode: fault?.code, status, code: code || undefined },
  });
}
