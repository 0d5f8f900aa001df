/** The `soap` connector: batches of changed records from any SOAP service, configured by operation and result paths. */
import { z } from 'zod';
import { ConnectorError, defineConnector, type PartyNumber, type PullUnit } from '../contract.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../http-body.js';
import { hostPort } from './failures.js';
import { callOperation, closeService, openService, type SoapService } from './transport.js';

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const ConfigSchema = z
  .object({
    wsdlUrl: z.url().optional().describe('Where to read the WSDL; or wsdlFile'),
    wsdlFile: z
      .string()
      .min(1)
      .optional()
      .describe('A local copy of the WSDL, for services that do not publish it (or publish it wrong)'),
    endpoint: z.url().optional().describe('Overrides the address in the WSDL'),
    port: z
      .string()
      .min(1)
      .optional()
      .describe(
        'WSDL port to call, e.g. BasicHttpBinding_IExportArenden; default: the one whose scheme fits endpoint or wsdlUrl',
      ),
    username: z.string().min(1).optional().describe('HTTP basic auth'),
    password: z.string().optional().describe('HTTP basic auth (secret)'),
    caFile: z.string().min(1).optional().describe('PEM CA trusted for the service, besides the public roots'),
    certFile: z.string().min(1).optional().describe('PEM client certificate (with keyFile)'),
    keyFile: z.string().min(1).optional().describe('PEM private key of the client certificate'),
    pfxFile: z
      .string()
      .min(1)
      .optional()
      .describe('PKCS#12 client certificate and key, instead of certFile+keyFile'),
    passphrase: z.string().optional().describe('Of keyFile or pfxFile (secret)'),
    operation: z.string().min(1).describe('e.g. GetUpdatedArenden'),
    request: z
      .record(z.string(), z.unknown())
      .describe(
        'Arguments; the text "{{cursor}}" is replaced by the cursor, e.g. { filter: { LowerExclusiveBound: "{{cursor}}" } }',
      ),
    recordsPath: z
      .string()
      .min(1)
      .describe('Dot path to the records in the result, e.g. GetUpdatedArendenResult.Arenden.arende'),
    nextCursorPath: z
      .string()
      .min(1)
      .describe('Dot path to where the batch ended, e.g. GetUpdatedArendenResult.BatchEnd'),
    initialCursor: z.string().min(1).describe('Where a new source starts, e.g. 2000-01-01T00:00:00'),
    fetchOne: z
      .object({
        operation: z.string().min(1),
        argument: z.string().min(1),
        resultPath: z.string().min(1),
        notFoundFault: z
          .string()
          .min(1)
          .refine(isRegex, 'not a regular expression')
          .optional()
          .describe(
            'A fault whose text matches this (regex, any case) means no such record, e.g. ^Arende not found',
          ),
      })
      .strict()
      .optional(),
    findByParty: z
      .object({
        operation: z.string().min(1).describe('e.g. GetRelateradeArendenByPersOrgNr'),
        argument: z.string().min(1).describe('e.g. persOrgNr'),
        resultPath: z.string().min(1).describe('e.g. GetRelateradeArendenByPersOrgNrResult.arende'),
        organisationPrefix16: z
          .boolean()
          .default(false)
          .describe('Ask for an organisation also with the "16" prefix (services that store it so)'),
      })
      .strict()
      .optional()
      .describe("Look-up on demand: a person's or organisation's cases, when staff search the number"),
    callTimeoutMs: z.number().int().min(100).default(10_000),
    maxBatchesPerRun: z.number().int().min(1).default(10_000),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .default(DEFAULT_MAX_RESPONSE_BYTES)
      .describe('A larger answer is cut off while it streams and the run fails'),
  })
  .strict()
  .refine((c) => (c.wsdlUrl === undefined) !== (c.wsdlFile === undefined), {
    message: 'give either wsdlUrl or wsdlFile',
    path: ['wsdlUrl'],
  })
  .refine((c) => (c.certFile === undefined) === (c.keyFile === undefined), {
    message: 'certFile and keyFile go together',
    path: ['certFile'],
  })
  .refine((c) => c.pfxFile === undefined || c.certFile === undefined, {
    message: 'give pfxFile or certFile+keyFile, not both',
    path: ['pfxFile'],
  })
  .refine((c) => c.password === undefined || c.username !== undefined, {
    message: 'password needs username',
    path: ['password'],
  });
export type SoapConfig = z.infer<typeof ConfigSchema>;

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function fill(template: unknown, cursor: string): unknown {
  if (typeof template === 'string') return template === '{{cursor}}' ? cursor : template;
  if (Array.isArray(template)) return template.map((t) => fill(t, cursor));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, cursor)]));
  }
  return template;
}

export const soapConnector = defineConnector<SoapConfig>({
  kind: 'soap',
  version: '1.2.0',
  description:
    'SOAP 1.1/1.2 from a WSDL URL or file: changed records in batches after a cursor, fetch-one; port by name or scheme, basic auth, client TLS',
  configSchema: ConfigSchema,
  secrets: ['password', 'passphrase'],
  create(config) {
    let service: Promise<SoapService> | undefined;
    const ready = () => {
      if (service) return service;
      const opening = openService({
        ...config,
        tls: {
          caFile: config.caFile,
          certFile: config.certFile,
          keyFile: config.keyFile,
          pfxFile: config.pfxFile,
          passphrase: config.passphrase,
        },
        timeoutMs: config.callTimeoutMs,
        maxResponseBytes: config.maxResponseBytes,
      });
      service = opening;
      // A failed open is tried again on the next call, not remembered.
      opening.catch(() => {
        if (service === opening) service = undefined;
      });
      return opening;
    };
    const notFound = config.fetchOne?.notFoundFault
      ? new RegExp(config.fetchOne.notFoundFault, 'i')
      : undefined;
    return {
      async *pull(stored, ctx): AsyncIterable<PullUnit> {
        let cursor = stored ?? config.initialCursor;
        for (let batch = 1; batch <= config.maxBatchesPerRun; batch++) {
          // The service answers with the cases as they are now: a later read is the newer truth.
          const readAt = new Date().toISOString();
          const result = await callOperation(await ready(), config.operation, fill(config.request, cursor), {
            timeoutMs: config.callTimeoutMs,
            signal: ctx.signal,
          });
          const raw = at(result, config.recordsPath);
          const records = raw === null || raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
          const next = at(result, config.nextCursorPath);
          if (records.length > 0 && (typeof next !== 'string' || next.length === 0)) {
            throw new ConnectorError('protocol', `the answer has records but no ${config.nextCursorPath}`, {
              retryable: false,
              kind: 'soap',
            });
          }
          if (records.length === 0) return;
          yield { batches: [records], cursor: next as string, label: `batch ${batch}`, readAt };
          if (next === cursor) return;
          cursor = next as string;
        }
      },
      ...(config.fetchOne
        ? {
            async fetchOne(sourceId: string, ctx: { signal: AbortSignal }) {
              const spec = config.fetchOne as NonNullable<SoapConfig['fetchOne']>;
              const result = await callOperation(
                await ready(),
                spec.operation,
                { [spec.argument]: sourceId },
                { timeoutMs: config.callTimeoutMs, signal: ctx.signal, notFound },
              );
              return at(result, spec.resultPath) ?? undefined;
            },
          }
        : {}),
      ...(config.findByParty
        ? {
            async findByParty(party: PartyNumber, ctx: { signal: AbortSignal }) {
              const spec = config.findByParty as NonNullable<SoapConfig['findByParty']>;
              const forms =
                party.kind === 'organisation' && spec.organisationPrefix16
                  ? [party.number, `16${party.number}`]
                  : [party.number];
              const found: unknown[] = [];
              for (const form of forms) {
                const result = await callOperation(
                  await ready(),
                  spec.operation,
                  { [spec.argument]: form },
                  { timeoutMs: config.callTimeoutMs, signal: ctx.signal },
                );
                const raw = at(result, spec.resultPath);
                found.push(...(raw === null || raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]));
              }
              return found;
            },
          }
        : {}),
      async health() {
        try {
          const { port } = await ready();
          return { ok: true, detail: `WSDL read; calls port ${port.name} at ${hostPort(port.address)}` };
        } catch (error) {
          return { ok: false, detail: error instanceof ConnectorError ? error.message : 'unavailable' };
        }
      },
      async close() {
        if (service) closeService(await service.catch(() => undefined));
        service = undefined;
      },
    };
  },
});
