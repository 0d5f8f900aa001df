/**
 * Which WSDL port the soap connector calls. A WCF service publishes one port per binding (ByggR v8:
 * `BasicHttpBinding_IExportArenden` on http and `…1` on https), and node-soap would call the last
 * one; the choice must be the configured name or the one whose scheme fits the configured address.
 */
import { ConnectorError } from '../contract.js';

/** A port as the WSDL declares it: its service, its name and its `soap:address`. */
export type WsdlPort = { service: string; name: string; location: string };

export type PortChoice = WsdlPort & {
  /** Where calls go: the configured endpoint, else the port's own address. */
  address: string;
};

const schemeOf = (url: string): string | undefined => {
  try {
    return new URL(url).protocol;
  } catch {
    return undefined;
  }
};

const configError = (message: string) =>
  new ConnectorError('config', message, { retryable: false, kind: 'soap' });

/**
 * The port to call: the one named `port`, else the first whose address has the scheme of
 * `endpoint` (or of the WSDL's URL), else the only one. Several ports and nothing to tell them apart
 * is a configuration error, never a guess.
 *
 * @example
 * choosePort(ports, { wsdlUrl: 'http://byggr.example/TekisArende/ArendeExportWS.svc?wsdl' });
 * // → BasicHttpBinding_IExportArenden (the http port), not the https one listed last
 */
export function choosePort(
  ports: readonly WsdlPort[],
  wanted: { port?: string; endpoint?: string; wsdlUrl?: string },
): PortChoice {
  const names = ports.map((p) => p.name).join(', ') || 'none';
  const withAddress = (p: WsdlPort): PortChoice => ({ ...p, address: wanted.endpoint ?? p.location });
  if (wanted.port) {
    const named = ports.find((p) => p.name === wanted.port || `${p.service}.${p.name}` === wanted.port);
    if (!named) throw configError(`the WSDL has no port ${wanted.port} (it has: ${names})`);
    return withAddress(named);
  }
  const reference = wanted.endpoint ?? wanted.wsdlUrl;
  const scheme = reference ? schemeOf(reference) : undefined;
  const fitting = scheme ? ports.filter((p) => schemeOf(p.location) === scheme) : [];
  const [first] = fitting;
  if (first) return withAddress(first);
  const [only, ...others] = ports;
  if (only && others.length === 0) return withAddress(only);
  if (!only) throw configError('the WSDL declares no SOAP port');
  throw configError(
    scheme
      ? `the WSDL has no port with an ${scheme.replace(':', '')} address (it has: ${names}); set port`
      : `the WSDL has several ports (${names}); set port or endpoint`,
  );
}
