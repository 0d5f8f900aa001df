/** Helpers for the soap connector's tests against the ByggR v8 simulator: a v8 source config and the engine's retry. */
import { inspect } from 'node:util';
import { ConnectorError } from '../../connectors/contract.js';
import { type SoapConfig, soapConnector } from '../../connectors/soap/index.js';
import { sourcePolicy } from '../../sync/resilience.js';

/** A source config for the real v8 contract: GetUpdatedArenden windows paged by BatchEnd, GetArende for one dnr. */
export function v8Config(
  wsdl: { wsdlUrl: string } | { wsdlFile: string },
  extra: Partial<SoapConfig> = {},
): SoapConfig {
  return soapConnector.configSchema.parse({
    ...wsdl,
    operation: 'GetUpdatedArenden',
    request: { filter: { LowerExclusiveBound: '{{cursor}}', UpperInclusiveBound: null } },
    recordsPath: 'GetUpdatedArendenResult.Arenden.arende',
    nextCursorPath: 'GetUpdatedArendenResult.BatchEnd',
    initialCursor: '2000-01-01T00:00:00',
    fetchOne: {
      operation: 'GetArende',
      argument: 'dnr',
      resultPath: 'GetArendeResult',
      notFoundFault: '^Arende not found for dnr',
    },
    callTimeoutMs: 2_000,
    ...extra,
  });
}

export const signal = () => new AbortController().signal;
/** The engine's own retry policy: retryable errors are tried again, final ones are not. */
export const engineRetry = () =>
  sourcePolicy({
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
    breaker: { consecutiveFailures: 100, halfOpenAfterMs: 60_000 },
  }).policy;

export async function failureOf(work: Promise<unknown>): Promise<ConnectorError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConnectorError)) throw new Error(`expected a ConnectorError, got ${inspect(error)}`);
  return error;
}
