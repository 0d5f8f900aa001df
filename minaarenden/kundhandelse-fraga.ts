/**
 * The Mina ärenden producer: answers `kundhandelseFragaSynkron` for the person asking with the events
 * of their own stored cases in one municipality, from every connected source, each source's health in
 * `delfragor`, and the answer recorded in the audit log before it is returned.
 */
import { AppError } from '../app/errors.js';
import type { Principal } from '../app/principal.js';
import { parseOrganisationsnummer } from '../person/organisationsnummer.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { parsePersonnummer } from '../person/personnummer.js';
import { visibility } from '../policy/access.js';
import type { Policy } from '../policy/policy-schema.js';
import type { SourceStatus } from '../schemas/source-status.js';
import type { AuditLog } from '../store/audit-log.js';
import type { CaseStore, StoredCase } from '../store/case-store.js';
import { referenceKey } from '../store/keys.js';
import { refusedDelfraga, sourceDelfragor } from './delfragor.js';
import type { Delfraga, KundhandelseFraga, KundhandelseFragaResponse, Part } from './fraga.js';
import { type CaseEvent, caseEvents } from './kundhandelse.js';
import type { Producer } from './producers.js';
import { filterEvents, sortAndPage } from './selection.js';
import type { Language } from './texts.js';

/** A person's cases in one municipality are few; more than this many are not read (documented). */
export const MAX_CASES = 500;
const PAGE = 100;

export type MinaArendenDeps = {
  store: CaseStore;
  audit: AuditLog;
  personRefs: PersonRefHasher;
  policy: Policy;
  domains: readonly string[];
  sources: { status(): Promise<SourceStatus[]> };
  now: () => Date;
  /** The hub's public address: each event links to the resident's page of its case. */
  publicUrl?: string | undefined;
};

/** Who asked, for the audit entry: the API client of a municipality, and the request. */
export type FragaCaller = { producer: Producer; client: string; requestId: string };

export type MinaArenden = {
  answer(
    caller: FragaCaller,
    fraga: KundhandelseFraga,
    language: { lang: Language; asked?: string | undefined },
  ): Promise<KundhandelseFragaResponse>;
};

/** Which of the person's cases a part asks about, or `refused` when the part is someone else. */
type PartMatch = { refused: true } | { refused: false; matches: (stored: StoredCase) => boolean };

/**
 * @example
 * const minaArenden = createMinaArenden({ store, audit, personRefs, policy, domains, sources, now });
 * const answer = await minaArenden.answer(caller, fraga, { lang: 'sv' });
 */
export function createMinaArenden(deps: MinaArendenDeps): MinaArenden {
  const caseLink = deps.publicUrl
    ? (id: string) => new URL(`/mina-arenden/arenden/${id}`, deps.publicUrl).toString()
    : undefined;

  /** The asker's cases in the municipality that residents may see at all (the citizen policy). */
  async function ownCases(
    asker: Principal & { kind: 'citizen' },
    municipality: string,
  ): Promise<StoredCase[]> {
    const visible = visibility(asker, deps.policy, deps.domains);
    const ids: string[] = [];
    let cursor: string | undefined;
    while (ids.length < MAX_CASES) {
      const page = await deps.store.search(
        { by: 'personRef', value: asker.personRefs },
        {
          filters: { municipality: [municipality] },
          ...(visible ? { visible } : {}),
          ...(cursor ? { cursor } : {}),
          limit: PAGE,
        },
      );
      ids.push(...page.items.map((c) => c.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return deps.store.getMany(ids.slice(0, MAX_CASES), { personRefs: asker.personRefs });
  }

  function partMatch(part: Part, index: number, askerNumber: string): PartMatch {
    const checks: ((s: StoredCase) => boolean)[] = [];
    const { kund, arende } = part;
    if (kund) {
      // A sole trader's organisationsnummer is the owner's personnummer: their own cases.
      if (kund.identifierare !== askerNumber) {
        if (kund.typ !== 'Organisationsnummer') return { refused: true };
        const org = parseOrganisationsnummer(kund.identifierare);
        if (!org.ok)
          throw invalid(`fraga.parter.${index}.kund.identifierare`, 'not a valid organisationsnummer');
        const refs = new Set(deps.personRefs.allFromOrganisation(org.value));
        checks.push((s) => s.case.parties.some((p) => p.orgRef !== undefined && refs.has(p.orgRef)));
      }
    }
    if (arende) {
      const wanted = arende.identifierare;
      const key = referenceKey(wanted);
      switch (arende.typ) {
        case 'Diarienummer':
          checks.push((s) => referenceKey(s.case.reference) === key);
          break;
        case 'Producentarendereferens':
          checks.push((s) => s.case.id === wanted.toLowerCase() || referenceKey(s.case.reference) === key);
          break;
        default:
          // Konsumentreferens and Kvittensnummer: references the hub is never given by its sources.
          checks.push(() => false);
      }
    }
    return { refused: false, matches: (s) => checks.every((check) => check(s)) };
  }

  return {
    async answer(caller, request, language) {
      const { producer } = caller;
      const { fraga } = request;
      const parsed = parsePersonnummer(request.anvandare, { now: deps.now() });
      if (!parsed.ok) throw invalid('anvandare', 'not a valid personnummer or samordningsnummer');
      const askerRefs = deps.personRefs.allFromParsed(parsed.value);
      const asker = {
        kind: 'citizen',
        subject: 'minaarenden',
        role: 'citizen',
        personRef: askerRefs[0] as string,
        personRefs: askerRefs,
      } as const;
      const matches = fraga.parter.map((part, i) => partMatch(part, i, parsed.value.normalized));
      const anyAnswered = matches.some((m) => !m.refused);
      const [cases, sources] = await Promise.all([
        anyAnswered ? ownCases(asker, producer.municipality) : Promise.resolve([]),
        anyAnswered ? deps.sources.status() : Promise.resolve([]),
      ]);
      const ownSources = sources
        .filter((s) => s.municipality === producer.municipality)
        .sort((a, b) => a.id.localeCompare(b.id));
      const context = { producer, lang: language.lang, caseLink };
      const eventsOf = new Map(cases.map((s) => [s.case.id, caseEvents(s, context)]));

      const kundhandelser: KundhandelseFragaResponse['kundhandelser'] = [];
      const delfragor: Delfraga[] = [];
      const shownCases = new Set<string>();
      let shownEvents = 0;
      fraga.parter.forEach((part, i) => {
        const match = matches[i] as PartMatch;
        if (match.refused) {
          kundhandelser.push({ part, totaltAntalKundhandelser: 0, kundhandelserForPart: [] });
          delfragor.push(refusedDelfraga(producer, part, language.lang));
          return;
        }
        const all: CaseEvent[] = cases.filter(match.matches).flatMap((s) => eventsOf.get(s.case.id) ?? []);
        const hits = filterEvents(all, fraga);
        const page = sortAndPage(hits, fraga.behandling);
        for (const e of page) shownCases.add(e.caseId);
        shownEvents += page.length;
        kundhandelser.push({
          part,
          totaltAntalKundhandelser: hits.length,
          kundhandelserForPart: page.map((e) => e.event),
        });
        delfragor.push(...sourceDelfragor(producer, part, ownSources, language.lang));
      });

      await record(deps.audit, caller, { askerRefs, caseIds: [...shownCases], events: shownEvents });
      return {
        kundhandelser,
        metadata: {
          parter: fraga.parter,
          ...(fraga.kundhandelseTyper ? { kundhandelseTyper: fraga.kundhandelseTyper } : {}),
          ...(fraga.taggar ? { taggar: fraga.taggar } : {}),
          ...(fraga.startDatum ? { startDatum: fraga.startDatum } : {}),
          ...(fraga.slutDatum ? { slutDatum: fraga.slutDatum } : {}),
          ...(language.asked ? { onskatSprak: language.asked } : {}),
          ...(fraga.behandling ? { behandling: fraga.behandling } : {}),
        },
        delfragor,
      };
    },
  };
}

/** A 400 naming the field, never the value. */
function invalid(field: string, message: string): AppError {
  return new AppError('validation', `${field}: ${message}`, { errors: [{ field, message }] });
}

/**
 * The answer's audit entry, written before anything is returned (no entry, no answer): the API client
 * of the municipality as principal, the asker's person references (never the number), and the cases
 * whose events are shown.
 */
async function record(
  audit: AuditLog,
  caller: FragaCaller,
  shown: { askerRefs: readonly string[]; caseIds: string[]; events: number },
): Promise<void> {
  try {
    await audit.write({
      action: 'minaarenden.read',
      subject: caller.client,
      role: 'minaarenden',
      municipality: caller.producer.municipality,
      requestId: caller.requestId,
      shown: shown.caseIds,
      masked: [],
      personRefs: shown.askerRefs,
      resultCount: shown.events,
    });
  } catch (cause) {
    throw new AppError('store_unavailable', 'The answer could not be recorded, so it is not given.', {
      retryable: true,
      cause,
    });
  }
}
