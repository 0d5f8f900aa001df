/**
 * HTTP and XML of the placement-status connector, the only place it speaks the wire: the vendor's
 * application-status look-up (Tietoevry/Edlevo Application Status API v1: GET `<service>?PersonId=…`,
 * XML in `http://open.tieto.com/edu/applicationstatus/v1`, a license key), parsed with fast-xml-parser
 * with DOCTYPE and entity declarations refused. Every failure is a ConnectorError naming the operation,
 * host and port, never the URL's query (it holds the personnummer) and never the body.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ConnectorError } from '../contract.js';

export type LookUpSettings = {
  /** The look-up base up to the version; the service name is appended. */
  baseUrl: string;
  service: string;
  licenseKey: string;
  /** `header`: `x-license-key`; `query`: `LicenseKey=` (the document does not say which [?]). */
  licenseKeyIn: 'header' | 'query';
};

/** One application the look-up answered, in the shape the mapping reads (values as text, attributes as `@name`). */
export type ApplicationRecord = {
  properties: Record<string, unknown>;
  /** The person the applications are for (the child), without the applications themselves. */
  person: Record<string, unknown>;
  application?: Record<string, unknown>;
  preschoolleisuretimecenter: Record<string, unknown>;
};

const OPERATION = 'application-status look-up';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: true,
  // Entities beyond the five predefined ones would need a DOCTYPE, which is refused before parsing.
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => name === 'application' || name === 'preschoolleisuretimecenter',
});

export function where(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

function failure(status: number, at: string): ConnectorError {
  if (status === 429 || status >= 500)
    return new ConnectorError(status === 429 ? 'rate_limited' : 'unavailable', `${at}: HTTP ${status}`, {
      retryable: true,
    });
  const why =
    status === 401 || status === 403
      ? 'the license key was refused'
      : status === 404
        ? 'no such service (check baseUrl and service)'
        : 'the service refused the request as wrong';
  return new ConnectorError(
    status === 401 || status === 403 ? 'auth' : 'config',
    `${at}: HTTP ${status}: ${why}`,
    {
      retryable: false,
    },
  );
}

/** Every `preschoolleisuretimecenter` under `node`, with the `application` it sits in (the XSD does not place it). */
function preschoolElements(
  node: unknown,
  application: Record<string, unknown> | undefined,
  found: { element: Record<string, unknown>; application?: Record<string, unknown> }[],
): void {
  if (Array.isArray(node)) {
    for (const item of node) preschoolElements(item, application, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'preschoolleisuretimecenter') {
      for (const element of value as unknown[])
        if (element && typeof element === 'object')
          found.push({
            element: element as Record<string, unknown>,
            ...(application ? { application } : {}),
          });
    } else if (key === 'application') {
      for (const a of value as unknown[]) {
        if (!a || typeof a !== 'object') continue;
        const { preschoolleisuretimecenter: _p, ...own } = a as Record<string, unknown>;
        preschoolElements(a, own, found);
      }
    } else if (typeof value === 'object') preschoolElements(value, application, found);
  }
}

/** Reads a `PersonApplication` document into one record per preschool application; no `person`, none. */
export function parseApplications(text: string, at: string): ApplicationRecord[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new ConnectorError('bad_data', `${at}: the answer declares a DOCTYPE or entities`, {
      retryable: false,
    });
  const valid = XMLValidator.validate(text);
  // A body cut off mid-way is the usual cause: another try normally gets the whole of it.
  if (valid !== true)
    throw new ConnectorError(
      'bad_data',
      `${at}: the answer is not well-formed XML (line ${valid.err.line})`,
      {
        retryable: true,
      },
    );
  const doc = parser.parse(text) as { PersonApplication?: Record<string, unknown> };
  const root = doc.PersonApplication;
  if (!root || typeof root !== 'object')
    throw new ConnectorError('protocol', `${at}: the answer is not a PersonApplication`, {
      retryable: false,
    });
  const person = root.person as Record<string, unknown> | undefined;
  if (!person || typeof person !== 'object') return [];
  const found: { element: Record<string, unknown>; application?: Record<string, unknown> }[] = [];
  preschoolElements(person, undefined, found);
  const { application: _a, preschoolleisuretimecenter: _p, ...own } = person;
  // An empty `<properties/>` reads as text: a record always has an object there.
  const properties =
    root.properties && typeof root.properties === 'object'
      ? (root.properties as Record<string, unknown>)
      : {};
  return found.map(({ element, application }) => ({
    properties,
    person: own,
    ...(application ? { application } : {}),
    preschoolleisuretimecenter: element,
  }));
}

/**
 * Asks the look-up for one person's applications. `personId` is 12 digits; it goes into the request
 * and nowhere else.
 *
 * @example
 * const records = await lookUpApplications(settings, '201812312385', AbortSignal.timeout(2_000));
 */
export async function lookUpApplications(
  settings: LookUpSettings,
  personId: string,
  signal: AbortSignal,
): Promise<ApplicationRecord[]> {
  const url = new URL(`${settings.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(settings.service)}`);
  const at = `${OPERATION} at ${where(url)}`;
  url.searchParams.set('PersonId', personId);
  const headers: Record<string, string> = { accept: 'application/xml, text/xml' };
  if (settings.licenseKeyIn === 'header') headers['x-license-key'] = settings.licenseKey;
  else url.searchParams.set('LicenseKey', settings.licenseKey);
  let response: Response;
  try {
    response = await fetch(url, { headers, signal });
  } catch {
    // The cause is left out on purpose: a fetch error may carry the URL, and the URL holds the number.
    if (signal.aborted)
      throw new ConnectorError('timeout', `${at}: the request was aborted (timeout)`, { retryable: true });
    throw new ConnectorError('unavailable', `${at}: cannot connect`, { retryable: true });
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {});
    throw failure(response.status, at);
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    if (signal.aborted)
      throw new ConnectorError('timeout', `${at}: the answer did not arrive in time`, { retryable: true });
    throw new ConnectorError('unavailable', `${at}: the answer broke off`, { retryable: true });
  }
  return parseApplications(text, at);
}
