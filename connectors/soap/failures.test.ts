import { describe, expect, it } from 'vitest';
import { failure } from './failures.js';

const site = {
  operation: 'GetArende',
  address: 'https://byggr.example/TekisArende/ArendeExportWS.svc',
  port: 'P1',
};
const fault = (faultcode: unknown, faultstring: unknown = 'x', status = 500) => ({
  root: { Envelope: { Body: { Fault: { faultcode, faultstring } } } },
  response: { status },
});
const verdict = (cause: unknown, aborted = false) => {
  const e = failure(cause, site, aborted);
  return [e.code, e.retryable];
};

describe('failure', () => {
  it('names host, default port, WSDL port and operation', () => {
    expect(failure({ response: { status: 503 } }, site).message).toBe(
      'GetArende at byggr.example:443 (port P1): HTTP 503',
    );
  });

  it('makes contract and address faults final, the service’s own trouble retryable', () => {
    expect(verdict(fault({ $value: 'a:ActionNotSupported' }))).toEqual(['config', false]);
    expect(
      verdict(fault('', 'cannot be processed … due to a ContractFilter mismatch at the EndpointDispatcher')),
    ).toEqual(['config', false]);
    expect(verdict(fault('s:Client'))).toEqual(['config', false]);
    expect(verdict(fault('soap:Sender'))).toEqual(['config', false]);
    expect(verdict(fault('a:InternalServiceFault'))).toEqual(['unavailable', true]);
    expect(verdict(fault('soap:Server'))).toEqual(['unavailable', true]);
  });

  it('makes 401/403/404/415 final, 5xx, 408 and 429 retryable with Retry-After', () => {
    for (const status of [401, 403, 404, 415, 400])
      expect(verdict({ response: { status } })).toEqual(['config', false]);
    expect(verdict({ response: { status: 500 } })).toEqual(['unavailable', true]);
    expect(verdict({ response: { status: 408 } })).toEqual(['timeout', true]);
    const limited = failure({ response: { status: 429, headers: { 'retry-after': '7' } } }, site);
    expect(limited).toMatchObject({ code: 'rate_limited', retryable: true, options: { retryAfterMs: 7000 } });
  });

  it('makes certificate and unknown-host errors final, refused/reset/timeouts retryable', () => {
    for (const code of [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'EPROTO',
      'ENOTFOUND',
    ])
      expect(verdict({ code }), code).toEqual(['config', false]);
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH'])
      expect(verdict({ code }), code).toEqual(['unavailable', true]);
    expect(verdict({ code: 'ECONNABORTED' })).toEqual(['timeout', true]);
    expect(verdict({ code: 'ERR_CANCELED' }, true)).toEqual(['timeout', true]);
  });

  it('keeps neither the request body nor the fault text: the cause is a summary', () => {
    const raw = {
      ...fault('s:Client', 'Arende not found for dnr BN 2026-000001 (19900321-2389)'),
      config: { data: '<persOrgNr>19900321-2389</persOrgNr>', headers: { Authorization: 'Basic c2VjcmV0' } },
    };
    const error = failure(raw, site);
    expect(JSON.stringify({ message: error.message, cause: error.cause })).not.toMatch(
      /19900321|c2VjcmV0|BN 2026/,
    );
    expect(error.cause).toEqual({ faultcode: 's:Client', status: 500, code: undefined });
  });
  it('calls an answer axios cut off at maxContentLength too large, and not worth retrying', () => {
    const e = failure(
      Object.assign(new Error('maxContentLength size of 4096 exceeded'), { code: 'ERR_BAD_RESPONSE' }),
      site,
    );
    expect([e.code, e.retryable]).toEqual(['bad_data', false]);
    expect(e.message).toMatch(/: the answer is larger than 4096 bytes$/);
  });
});
