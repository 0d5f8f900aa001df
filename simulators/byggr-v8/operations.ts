/** The served operations: request parameters in, the contract's response wrapper (or a fault) out. */
import { parseTimestamp } from '../case-data/clock.js';
import { DATETIME_MIN, inWindow, selectBatch } from './batch.js';
import type { ByggrV8Data } from './data.js';
import type { V8Arende } from './model.js';
import { renderArende } from './render-arende.js';
import { clientFault, ok, type Param, paramText, type SoapAnswer } from './soap-envelope.js';
import type { V8Operation } from './wsdl.js';
import { SC } from './wsdl.js';
import type { DateWriter } from './xml.js';

/**
 * How GetRelateradeArendenByPersOrgNr compares numbers. Sundsvall's clients ask twice, with and
 * without the "16" prefix, and always with a dash (sheet §4, §5): evidence that the real service
 * compares the stored text as it is [?]. `exact` does that; `tolerant` (default) matches any form of
 * the same number (dash or not, "16" or not, 10 or 12 digits), so both readings can be tested.
 */
export type PersOrgNrMatch = 'tolerant' | 'exact';

export type OperationContext = {
  data: ByggrV8Data;
  dates: DateWriter;
  maxBatchSize: number;
  persOrgNrMatch: PersOrgNrMatch;
};

type Handler = (params: Record<string, Param>, ctx: OperationContext) => SoapAnswer;

/** An unreadable parameter, with the text WCF's XmlSerializer gives. */
function unreadable(op: string): SoapAnswer {
  return clientFault(`Error in deserializing body of request message for operation '${op}'.`);
}

type Bounds = { lower: number; upper: number | undefined } | undefined;

/** `filter` bounds; a missing lower bound is .NET's DateTime.MinValue, a nil or missing upper is "now". */
function bounds(params: Record<string, Param>): Bounds {
  const filter = params.filter;
  const f = typeof filter === 'object' ? filter : {};
  const lowerText = paramText(f.LowerExclusiveBound);
  const upperText = paramText(f.UpperInclusiveBound);
  const lower = lowerText === undefined ? DATETIME_MIN : parseTimestamp(lowerText)?.getTime();
  const upper = upperText === undefined ? undefined : parseTimestamp(upperText)?.getTime();
  if (lower === undefined || (upperText !== undefined && upper === undefined)) return undefined;
  return { lower, upper };
}

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

/** The ten digits that identify a person or organisation, whatever the form. */
function tenDigits(value: string): string {
  return digits(value).slice(-10);
}

function matches(stored: string, wanted: string, mode: PersOrgNrMatch): boolean {
  if (mode === 'exact') return stored === wanted.trim();
  const w = digits(wanted);
  return (w.length === 10 || w.length === 12) && tenDigits(stored) === tenDigits(wanted);
}

function list(name: string, cases: readonly V8Arende[], d: DateWriter): string {
  return cases.map((a) => renderArende(name, a, d)).join('');
}

export const OPERATIONS: Record<V8Operation, Handler> = {
  GetUpdatedArendenCount(params, { data }) {
    const b = bounds(params);
    if (!b) return unreadable('GetUpdatedArendenCount');
    const clock = data.now().getTime();
    const count = inWindow(data.byChange(), b.lower, Math.min(b.upper ?? clock, clock)).length;
    return ok(
      `<GetUpdatedArendenCountResponse xmlns="${SC}"><GetUpdatedArendenCountResult>${count}` +
        '</GetUpdatedArendenCountResult></GetUpdatedArendenCountResponse>',
    );
  },

  GetUpdatedArenden(params, { data, dates, maxBatchSize }) {
    const b = bounds(params);
    if (!b) return unreadable('GetUpdatedArenden');
    const batch = selectBatch(data.byChange(), b.lower, b.upper, maxBatchSize, data.now().getTime());
    const arenden = list('arende', batch.records, dates);
    return ok(
      `<GetUpdatedArendenResponse xmlns="${SC}"><GetUpdatedArendenResult>` +
        `<BatchStart>${dates.dateTime(batch.start)}</BatchStart><BatchEnd>${dates.dateTime(batch.end)}</BatchEnd>` +
        `${arenden === '' ? '<Arenden/>' : `<Arenden>${arenden}</Arenden>`}` +
        '</GetUpdatedArendenResult></GetUpdatedArendenResponse>',
    );
  },

  GetArende(params, { data, dates }) {
    const dnr = paramText(params.dnr)?.trim().replace(/\s+/g, ' ') ?? '';
    const found = dnr === '' ? undefined : data.get(dnr);
    // Sundsvall's integrator treats a fault string starting with this text as "not found" (sheet §4).
    if (!found) return clientFault(`Arende not found for dnr ${dnr}`);
    return ok(
      `<GetArendeResponse xmlns="${SC}">${renderArende('GetArendeResult', found, dates)}</GetArendeResponse>`,
    );
  },

  GetRelateradeArendenByPersOrgNr(params, { data, dates, persOrgNrMatch }) {
    const persOrgNr = paramText(params.persOrgNr) ?? '';
    const kundNr = paramText(params.kundNr)?.trim() ?? '';
    const related = data
      .list()
      .filter((a) =>
        a.intressenter.some(
          (i) =>
            (persOrgNr !== '' && matches(i.persOrgNr, persOrgNr, persOrgNrMatch)) ||
            (kundNr !== '' && i.kundnr === kundNr),
        ),
      );
    const items = list('arende', related, dates);
    const result =
      items === ''
        ? '<GetRelateradeArendenByPersOrgNrResult/>'
        : `<GetRelateradeArendenByPersOrgNrResult>${items}</GetRelateradeArendenByPersOrgNrResult>`;
    return ok(
      `<GetRelateradeArendenByPersOrgNrResponse xmlns="${SC}">${result}</GetRelateradeArendenByPersOrgNrResponse>`,
    );
  },
};
