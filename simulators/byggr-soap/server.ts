/** A ByggR "ArendeExport" SOAP 1.1 service on loopback (node-soap), serving simulated cases, with fault injection. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from 'soap';
import {
  type ByggrArende,
  type CaseData,
  type CaseDataOptions,
  createByggrData,
  createFaultQueue,
  localDateTime,
  parseTimestamp,
  sleep,
} from '../case-data/index.js';
import { selectBatch } from './batch.js';
import { arendeContent, arendeList, RESULT_NAMESPACES } from './to-soap.js';
import { readWsdl } from './wsdl-file.js';

export type ByggrSoapSimulatorOptions = CaseDataOptions & {
  /** Serve this data set instead of creating one from the case-data options. */
  data?: CaseData<ByggrArende>;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Largest GetUpdatedArenden batch. Default 100. */
  maxBatchSize?: number;
  /** Delay before every answer, in milliseconds. Default 0. */
  delayMs?: number;
};

export type ByggrSoapFaults = {
  /** The next `count` calls answer with a SOAP Fault (HTTP 500). */
  faultNext(count?: number): void;
  /** The next `count` calls are never answered (the connection stays open until the client gives up). */
  hangNext(count?: number): void;
  setDelay(ms: number): void;
  pending(): ('fault' | 'hang')[];
  clear(): void;
};

export type ByggrSoapSimulator = {
  /** The WSDL URL (`…/ArendeExport.svc?wsdl`), for `soap.createClientAsync(url)`. */
  url: string;
  /** The service endpoint the WSDL's `soap:address` names. */
  endpoint: string;
  data: CaseData<ByggrArende>;
  faults: ByggrSoapFaults;
  /** Operation names called so far, in order (faulted and hung calls included). */
  calls(): string[];
  close(): Promise<void>;
};

type Fault = { Fault: { faultcode: string; faultstring: string; statusCode: number } };

function fault(code: 'Client' | 'Server', text: string): Fault {
  return { Fault: { faultcode: `soap:${code}`, faultstring: text, statusCode: 500 } };
}

/** Same person whatever the form: `19900321-2389`, `199003212389` or `900321-2389` (no century). */
function samePerson(a: string, b: string): boolean {
  const digits = (s: string) => s.replace(/\D/g, '');
  const x = digits(a);
  const y = digits(b);
  return x.length >= 10 && y.length >= 10 && (x === y || x.slice(-10) === y.slice(-10));
}

/** node-soap puts a `$xml` value into the response wrapper as it is. */
function raw(xml: string): { $xml: string } {
  return { $xml: xml };
}

function requireBound(value: unknown, name: string): number {
  const parsed = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (!parsed) throw fault('Client', `${name} saknas eller är inte ett datum`);
  return parsed.getTime();
}

/**
 * Starts the service. The WSDL is at `url`; every operation first takes any queued fault, then waits
 * the delay, then answers from `data`.
 *
 * @example
 * const sim = await startByggrSoapSimulator({ cases: 300, seed: 1 });
 * const client = await soap.createClientAsync(sim.url);
 */
export async function startByggrSoapSimulator(
  options: ByggrSoapSimulatorOptions = {},
): Promise<ByggrSoapSimulator> {
  const data = options.data ?? createByggrData(options);
  const maxBatchSize = options.maxBatchSize ?? 100;
  const queue = createFaultQueue<'fault' | 'hang'>(options.delayMs ?? 0);
  const calls: string[] = [];
  // node-soap hands requests for other paths to the listeners that were there before it: answer 404.
  const server: Server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const path = '/ArendeExport.svc';
  const endpoint = `http://127.0.0.1:${port}${path}`;

  /** Wraps an operation with the fault queue and the delay. */
  const operation =
    <A>(name: string, handler: (args: A) => unknown) =>
    async (args: A) => {
      calls.push(name);
      const injected = queue.take();
      if (injected === 'hang') return new Promise(() => {});
      await sleep(queue.delayMs);
      if (injected === 'fault') throw fault('Server', 'Tjänsten är tillfälligt otillgänglig (simulerat fel)');
      return handler(args);
    };

  const services = {
    ArendeExportService: {
      BasicHttpBinding_IArendeExport: {
        GetUpdatedArenden: operation(
          'GetUpdatedArenden',
          (args: { filter?: { LowerExclusiveBound?: unknown; UpperInclusiveBound?: unknown } }) => {
            const lower = requireBound(args.filter?.LowerExclusiveBound, 'LowerExclusiveBound');
            const rawUpper = args.filter?.UpperInclusiveBound;
            const upper =
              rawUpper === undefined || rawUpper === null
                ? undefined
                : requireBound(rawUpper, 'UpperInclusiveBound');
            const batch = selectBatch(data.byChange(), lower, upper, maxBatchSize, data.now().getTime());
            return raw(
              `<GetUpdatedArendenResult ${RESULT_NAMESPACES}>` +
                `<a:BatchStart>${localDateTime(batch.start)}</a:BatchStart>` +
                `<a:BatchEnd>${localDateTime(batch.end)}</a:BatchEnd>` +
                `<a:Arenden>${arendeList(batch.records)}</a:Arenden></GetUpdatedArendenResult>`,
            );
          },
        ),
        GetArende: operation('GetArende', (args: { dnr?: string }) => {
          const found = args.dnr ? data.get(args.dnr.trim()) : undefined;
          // Like the WCF service: an unknown dnr is a nil result, not a fault.
          return raw(
            found
              ? `<GetArendeResult ${RESULT_NAMESPACES}>${arendeContent(found)}</GetArendeResult>`
              : `<GetArendeResult ${RESULT_NAMESPACES} i:nil="true"/>`,
          );
        }),
        GetRelateradeArendenByPersOrgNr: operation(
          'GetRelateradeArendenByPersOrgNr',
          (args: { persOrgNr?: string }) => {
            const wanted = args.persOrgNr ?? '';
            const related = data
              .list()
              .filter((r) => r.intressenter.intressent.some((i) => samePerson(i.persOrgNr, wanted)));
            return raw(
              `<GetRelateradeArendenByPersOrgNrResult ${RESULT_NAMESPACES}>${arendeList(related)}` +
                '</GetRelateradeArendenByPersOrgNrResult>',
            );
          },
        ),
      },
    },
  };

  // Request dates stay strings: node-soap would otherwise turn them into Dates in this process's zone.
  const keepText = (text: string) => text;
  // node-soap attaches its request listener only once the WSDL is parsed; wait for that.
  await new Promise<void>((resolve, reject) => {
    listen(server, {
      path,
      services,
      xml: readWsdl(endpoint),
      customDeserializer: { dateTime: keepText, date: keepText },
      callback: (error: unknown) => (error ? reject(error) : resolve()),
    } as Parameters<typeof listen>[1]);
  });

  return {
    url: `${endpoint}?wsdl`,
    endpoint,
    data,
    faults: {
      faultNext: (count = 1) => queue.add('fault', count),
      hangNext: (count = 1) => queue.add('hang', count),
      setDelay(ms) {
        queue.delayMs = ms;
      },
      pending: () => queue.pending(),
      clear: () => queue.clear(),
    },
    calls: () => [...calls],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung calls keep their connections open; end them so close() returns.
        server.closeAllConnections();
      }),
  };
}
