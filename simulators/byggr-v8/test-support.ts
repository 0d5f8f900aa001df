/** Helpers for the v8 simulator's tests: raw SOAP calls with fetch, and the client options the connector uses. */
import { soapAction } from './wsdl.js';

const keepText = (text: string) => text;

/** As connectors/soap/transport.ts: nil as null, dates as the text the service sent. */
export const CLIENT_OPTIONS = {
  handleNilAsNull: true,
  disableCache: true,
  customDeserializer: { dateTime: keepText, date: keepText, time: keepText },
};

/** A request envelope with the operation's wrapper in the ServiceContract namespace. */
export function requestEnvelope(op: string, inner: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:sc="www.tekis.se/ServiceContract" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Header/><soapenv:Body><sc:${op}>${inner}</sc:${op}></soapenv:Body></soapenv:Envelope>`
  );
}

/** Posts like Sundsvall's client: unquoted SOAPAction, `text/xml;charset=UTF-8`. */
export async function post(
  url: string,
  op: string,
  inner: string,
  o: { action?: string; body?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; contentType: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? 'text/xml;charset=UTF-8',
      soapaction: o.action ?? soapAction(op),
      ...o.headers,
    },
    body: o.body ?? requestEnvelope(op, inner),
  });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

/** Every value of attribute `name` in `xml`. */
export function attributeValues(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');
}
