/** SOAP 1.1 answers of the simulator: envelopes, and faults with the contract's `applicationFault` detail. */
import { randomUUID } from 'node:crypto';
import { escapeXmlText } from '../xml-escape.js';
import { NS } from './xml.js';

export type SoapAnswer = { status: number; contentType: string; body: string };

const XML = 'text/xml;charset=UTF-8';

export function envelope(body: string): SoapAnswer {
  return {
    status: 200,
    contentType: XML,
    body: `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="${NS.soap}"><S:Body>${body}</S:Body></S:Envelope>`,
  };
}

/**
 * A fault (HTTP 500, as SOAP 1.1 over HTTP sends them) with `ExceptionInformation` as detail. The
 * error codes are the simulator's own (sheet §4 [?]); descriptions never repeat request content.
 */
export function fault(side: 'Client' | 'Server', errorCode: number, description: string): SoapAnswer {
  const detail =
    `<applicationFault xmlns="${NS.commonV3}"><ErrorCode>${errorCode}</ErrorCode>` +
    `<Description>${escapeXmlText(description)}</Description><CallId>${randomUUID()}</CallId></applicationFault>`;
  return {
    status: 500,
    contentType: XML,
    body:
      `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="${NS.soap}"><S:Body><S:Fault>` +
      `<faultcode>S:${side}</faultcode><faultstring>${escapeXmlText(description)}</faultstring>` +
      `<detail>${detail}</detail></S:Fault></S:Body></S:Envelope>`,
  };
}

/** Error codes the simulator answers with. */
export const ERROR = {
  malformed: 1001,
  unknownSender: 1002,
  invalidRecipient: 1003,
  notReachable: 1004,
  invalidMessage: 1005,
  signature: 1006,
  tooLarge: 1007,
  injected: 5000,
} as const;
