/** The ByggR v8 bygglov mapping written by hand: the engine's baseline for the event-journal constructs. */
import { computeDeadline } from '../mappings/engine/deadline-rules.js';
import { parseOrganisationsnummer } from '../person/organisationsnummer.js';
import { parsePersonnummer } from '../person/personnummer.js';
import type { CanonicalCase, StatusCode, StatusEntry } from '../schemas/case.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import { type Ctx, date, finish, list, type Src, source, table, Z } from './handwritten-support.js';

const yes = (v: unknown) => v === true || v === 'true' || v === '1';
const millis = (e: Src) => Date.parse(date(e.startDatum, 'iso') as string);
const SUPPLEMENTS = ['KOMPL', 'KOMPBYGG', 'KOMPTEK', 'KOMPREV'];
const isMain = (e: Src) => e.handelsetyp === 'BESLUT' && yes(e.beslut?.['@arHuvudbeslut']);
const isExtension = (e: Src) => e.handelsetyp === 'BESLUT' && e.handelseslag === 'FORL';

/** The shipped rules in order: the first that matches an event gives its status. */
function eventStatus(e: Src): StatusCode | undefined {
  const { handelsetyp: typ, handelseslag: slag } = e;
  if (typ === 'BESLUT' && slag === 'UAB') return 'withdrawn';
  if (typ === 'HANDLING' && slag === 'OVERKL') return 'appealed';
  if (isMain(e)) return 'decided';
  if (typ === 'KOMP' || typ === 'KOMP1') return 'awaiting_applicant';
  if (typ === 'HANDLING' && SUPPLEMENTS.includes(slag)) return 'in_progress';
  if (typ === 'GRANHO' || isExtension(e)) return 'in_progress';
  if (typ === 'STATUS' && slag === 'REG') return 'registered';
  if ((typ === 'ANSÖKAN' || typ === 'ANM') && e.riktning === 'In') return 'received';
  return undefined;
}

/** The item with the latest (ties: later in the list) or earliest (ties: earlier) start date. */
function pick(events: Src[], test: (e: Src) => boolean, latest: boolean): Src | undefined {
  let best: { e: Src; t: number } | undefined;
  for (const e of events.filter(test)) {
    const t = millis(e);
    if (!best || (latest ? t >= best.t : t < best.t)) best = { e, t };
  }
  return best?.e;
}

function party(ctx: Ctx, p: Src) {
  const text = String(p['@persOrgNr']);
  const org = parseOrganisationsnummer(text);
  const person = org.ok ? undefined : parsePersonnummer(text, { now: ctx.now });
  if (!org.ok && !person?.ok) return undefined; // left out with a warning by the engine
  const name = p.namn || [p.fornamn, p.efternamn].filter(Boolean).join(' ');
  return {
    role: table(ctx, 'roller', list(p.rollLista?.roll)[0]),
    ...(name ? { displayName: name } : {}),
    ...(org.ok
      ? { orgRef: ctx.refs.fromOrganisation(org.value) }
      : { personRef: ctx.refs.fromParsed((person as { ok: true; value: never }).value) }),
    protectedIdentity: false,
  };
}

function history(events: Src[]): StatusEntry[] {
  const dated = events
    .map((e) => ({ e, code: eventStatus(e) }))
    .filter((x) => x.code !== undefined)
    .map(({ e, code }) => ({ e, code: code as StatusCode, t: millis(e) }))
    .sort((a, b) => a.t - b.t);
  const out: StatusEntry[] = [];
  for (const { e, code } of dated)
    if (out.at(-1)?.code !== code)
      out.push({
        code,
        sourceCode: [e.handelsetyp, e.handelseslag].filter(Boolean).join('/'),
        since: date(e.startDatum, 'iso') as string,
      });
  return out;
}

export function byggrByHand(r: Src, ctx: Ctx): CanonicalCase {
  const events = list(r.handelseLista?.handelse)
    .filter((e) => !yes(e.sekretess) && !yes(e.makulerad) && !yes(e.arbetsmaterial))
    .map((e) => ({
      ...e,
      handlingLista: { handling: list(e.handlingLista?.handling).filter((d) => !yes(d.makulerad)) },
    }));
  const steps = history(events);
  const coarseSince = date(r.makulerDatum || r.slutDatum || r.ankomstDatum, 'yyyy-MM-dd') as string;
  let status: StatusEntry;
  if (r.status === 'Pågående' && steps.length > 0) status = steps.at(-1) as StatusEntry;
  else {
    status = { code: table(ctx, 'status', r.status) as StatusCode, sourceCode: r.status, since: coarseSince };
    if (steps.length > 0 && steps.at(-1)?.code !== status.code) steps.push(status);
  }
  const received = date(r.ankomstDatum, 'yyyy-MM-dd');
  const supplement = pick(
    events,
    (e) => e.handelsetyp === 'HANDLING' && SUPPLEMENTS.includes(e.handelseslag),
    true,
  );
  const main = pick(events, isMain, true);
  const outcome = pick(events, (e) => isMain(e) && Boolean(e.handelseutfall), true);
  const requested = pick(events, (e) => e.handelsetyp === 'KOMP', false);
  const extension = pick(events, isExtension, true);
  const code = r['@arendetyp'];
  const rule = ctx.mapping.deadline?.rules.find((x) => x.caseTypes.includes(code));
  // The shipped file reads a new due date only where it declares one, and its weeks equal maxWeeks.
  const dueAt = rule?.extension?.dueAt && list(extension?.bevakningLista?.bevakning)[0]?.bevakningDatum;
  const deadline = computeDeadline(
    ctx.mapping.deadline?.rules ?? [],
    {
      caseTypeCode: code,
      ...(received ? { receivedAt: received } : {}),
      ...(supplement ? { completeAt: date(supplement.startDatum, 'iso') } : {}),
      ...(requested && rule?.restartOnCompletion
        ? { completionRequestedAt: date(requested.startDatum, 'iso') }
        : {}),
      ...(extension && dueAt ? { extensionDueAt: date(dueAt, 'iso') } : {}),
      ...(extension && !dueAt ? { extensionWeeks: rule?.extension?.maxWeeks } : {}),
    },
    Z,
  );
  const h = r.handlaggare;
  const handlerName = h ? [h.fornamn, h.efternamn].filter(Boolean).join(' ') : '';
  const main0 = list(r.objektLista?.abstractArendeObjekt).find((o) => yes(o['@arHuvudObjekt']));
  const adress = list(main0?.belAdressList?.arendeBelagenhetAdress)[0]?.belAdress;
  const address = adress ? [adress.adressOmrade, adress.adressPlatsNr].filter(Boolean).join(' ') : '';
  const statusCode = status.code;
  return finish(
    ctx,
    {
      ...source(
        ctx,
        r['@dnr'],
        date(r.uppdateradDatum || r.registreradDatum || r.ankomstDatum, 'yyyy-MM-dd'),
      ),
      reference: r['@dnr'],
      title: r.beskrivning || table(ctx, 'rubriker', code),
      caseType: { code, label: table(ctx, 'arendetyper', code) },
      office: {
        code: 'BN',
        name: 'Byggnadsnämnden',
        contact: { phone: '090-16 10 00', email: 'bygglov@umea.example' },
      },
      ...(r['@enhetkod'] || handlerName
        ? {
            handler: {
              ...(handlerName ? { name: handlerName } : {}),
              unit: table(ctx, 'enheter', r['@enhetkod']),
            },
          }
        : {}),
      status: { ...status, label: STATUS_LABELS[statusCode] },
      ...(steps.length > 0 ? { statusHistory: steps } : {}),
      receivedAt: received,
      ...(supplement ? { completeAt: date(supplement.startDatum, 'iso') } : {}),
      ...(main ? { decidedAt: date(main.startDatum, 'iso') } : {}),
      ...(r.slutDatum ? { closedAt: date(r.slutDatum, 'yyyy-MM-dd') } : {}),
      ...(outcome
        ? {
            decision: {
              outcome: table(ctx, 'utfall', outcome.handelseutfall),
              // The outcome in plain words for the resident, as the mapping's utfallstexter table has it.
              label: table(ctx, 'utfallstexter', outcome.handelseutfall),
              at: date(outcome.startDatum, 'iso'),
            },
          }
        : {}),
      documents: events.flatMap((e) =>
        list(e.handlingLista.handling)
          .filter((d) => d.status !== 'Arbetsmtrl')
          .map((d) => ({
            title: d.dokument?.namn,
            kind: table(ctx, 'handlingstyper', d.typ),
            receivedAt: date(d.handlingDatum, 'yyyy-MM-dd'),
          })),
      ),
      parties: list(r.intressentLista?.intressent)
        .filter((p) => list(p.rollLista?.roll).some((x) => ['SOK', 'MSOK', 'OMB'].includes(x)))
        .flatMap((p) => party(ctx, p) ?? []),
      ...(main0
        ? {
            property: {
              designation: `${main0.fastighet.trakt} ${main0.fastighet.fbetNr}`,
              ...(address ? { address } : {}),
            },
          }
        : {}),
      ...(deadline ? { deadline } : {}),
      confidentiality: { level: 'internal' },
    },
    statusCode,
    {
      status: 'public',
      title: 'public',
      caseType: 'public',
      office: 'public',
      confidentiality: 'internal',
      handler: 'internal',
      receivedAt: 'public',
      completeAt: 'public',
      decidedAt: 'public',
      closedAt: 'public',
      decision: 'public',
      documents: 'internal',
      parties: 'internal',
      property: 'internal',
      ...(steps.length > 0 ? { statusHistory: 'public' as const } : {}),
      ...(deadline ? { deadline: 'public' as const } : {}),
    },
  );
}
