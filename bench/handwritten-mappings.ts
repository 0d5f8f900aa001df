/**
 * Hand-written TypeScript versions of the three shipped mappings: the baseline the declarative
 * engine is measured against. They do the same work (same date parsing, person references and
 * output validation) so the ratio shows the engine's own overhead.
 */

import { parseDate } from '../mappings/engine/dates.js';
import { computeDeadline } from '../mappings/engine/deadline-rules.js';
import type { Mapping } from '../mappings/engine/mapping-schema.js';
import type { PersonRefHasher } from '../person/person-ref.js';
import { parsePersonnummer } from '../person/personnummer.js';
import {
  type CanonicalCase,
  CanonicalCaseSchema,
  type FieldClass,
  type StatusCode,
} from '../schemas/case.js';
import { caseId } from '../schemas/case-id.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';

// biome-ignore lint/suspicious/noExplicitAny: source records are untyped JSON, as the engine sees them
type Src = any;
type Ctx = { refs: PersonRefHasher; now: Date; mapping: Mapping };

const Z = 'Europe/Stockholm';
const list = (v: unknown): Src[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const date = (v: unknown, format: string) => {
  if (v === undefined || v === null || v === '') return undefined;
  const d = parseDate(v, format, Z);
  if (!d.ok) throw new Error(d.reason);
  return d.iso;
};
const bool = (v: unknown) => v === true || v === 'true' || v === '1';
const ref = (ctx: Ctx, v: unknown) => {
  const p = parsePersonnummer(String(v), { now: ctx.now });
  if (!p.ok) throw new Error('invalid personnummer');
  return ctx.refs.fromParsed(p.value);
};
const table = (ctx: Ctx, name: string, key: unknown) => {
  const t = ctx.mapping.tables[name] ?? {};
  const k = String(key);
  if (!Object.hasOwn(t, k)) throw new Error(`${k} not in ${name}`);
  return t[k];
};

function finish(
  ctx: Ctx,
  c: Record<string, unknown>,
  code: StatusCode,
  classes: Record<string, FieldClass>,
): CanonicalCase {
  const texts = ctx.mapping.statusTexts?.[code];
  const out = {
    ...c,
    ...(texts?.awaiting
      ? { awaiting: { who: texts.awaiting, ...(texts.what ? { what: texts.what } : {}) } }
      : {}),
    ...(texts?.nextStep ? { nextStep: texts.nextStep } : {}),
    fieldClasses: classes,
  };
  return CanonicalCaseSchema.parse(out);
}

function source(ctx: Ctx, sourceId: string, updated: string | undefined) {
  const m = ctx.mapping;
  return {
    id: caseId({ municipalityCode: m.municipality.code, sourceSystem: m.sourceSystem, sourceId }),
    municipality: m.municipality,
    domain: m.domain,
    source: {
      system: m.sourceSystem,
      sourceId,
      sourceUpdatedAt: updated,
      fetchedAt: ctx.now.toISOString(),
      mappingId: m.id,
      mappingVersion: m.version,
    },
  };
}

export function byggrByHand(r: Src, ctx: Ctx): CanonicalCase {
  const code = table(ctx, 'status', r.status) as StatusCode;
  const received = date(r.ankomstDatum, 'yyyy-MM-dd');
  const complete = date(r.kompletDatum, 'yyyy-MM-dd');
  const h = r.handlaggare;
  const contact =
    h && (h.telefon || h.epost)
      ? { ...(h.telefon ? { phone: h.telefon } : {}), ...(h.epost ? { email: h.epost } : {}) }
      : undefined;
  const decision = r.beslut
    ? { outcome: table(ctx, 'beslutsutfall', r.beslut.utfall), at: date(r.beslut.datum, 'yyyy-MM-dd') }
    : undefined;
  const deadline = computeDeadline(
    ctx.mapping.deadline?.rules ?? [],
    {
      caseTypeCode: r.arendetyp.kod,
      ...(received ? { receivedAt: received } : {}),
      ...(complete ? { completeAt: complete } : {}),
      ...(r.kompletteringBegardDatum
        ? { completionRequestedAt: date(r.kompletteringBegardDatum, 'yyyy-MM-dd') as string }
        : {}),
      ...(r.forlangning?.veckor ? { extensionWeeks: Number(r.forlangning.veckor) } : {}),
    },
    Z,
  );
  return finish(
    ctx,
    {
      ...source(ctx, r.dnr, date(r.senastAndrad, "yyyy-MM-dd'T'HH:mm:ss")),
      reference: r.dnr,
      title: r.beskrivning || r.arendetyp.benamning,
      caseType: { code: r.arendetyp.kod, label: table(ctx, 'arendetyper', r.arendetyp.kod) },
      office: {
        code: 'BN',
        name: 'Byggnadsnämnden',
        contact: { phone: '090-16 10 00', email: 'bygglov@umea.example' },
      },
      ...(h
        ? {
            handler: {
              ...(h.namn ? { name: h.namn } : {}),
              unit: h.enhet || 'Bygglovsenheten',
              ...(contact ? { contact } : {}),
            },
          }
        : { handler: { unit: 'Bygglovsenheten' } }),
      status: {
        code,
        label: STATUS_LABELS[code],
        sourceCode: r.status,
        since: date(r.statusDatum || r.senastAndrad, "yyyy-MM-dd'T'HH:mm:ss"),
      },
      receivedAt: received,
      ...(complete ? { completeAt: complete } : {}),
      ...(r.beslut?.datum ? { decidedAt: date(r.beslut.datum, 'yyyy-MM-dd') } : {}),
      ...(r.avslutDatum ? { closedAt: date(r.avslutDatum, 'yyyy-MM-dd') } : {}),
      ...(decision ? { decision } : {}),
      documents: list(r.handelser?.handelse).flatMap((e) =>
        list(e.handlingar?.handling).map((d) => ({
          title: d.titel,
          kind: table(ctx, 'handlingstyper', d.typ),
          receivedAt: date(d.inkomDatum, 'yyyy-MM-dd'),
        })),
      ),
      parties: list(r.intressenter?.intressent).map((p) => ({
        role: table(ctx, 'roller', p['@roll']),
        ...(p.namn ? { displayName: p.namn } : {}),
        personRef: ref(ctx, p.persOrgNr),
        protectedIdentity: bool(p.skyddadIdentitet ?? false),
      })),
      ...(r.fastighet
        ? {
            property: {
              designation: `${r.fastighet.trakt} ${r.fastighet.fbetNr}`,
              ...(r.fastighet.adress ? { address: r.fastighet.adress } : {}),
            },
          }
        : {}),
      ...(deadline ? { deadline } : {}),
      confidentiality: { level: 'internal' },
    },
    code,
    {
      status: 'public',
      title: 'public',
      caseType: 'public',
      office: 'public',
      handler: 'internal',
      receivedAt: 'public',
      completeAt: 'public',
      decidedAt: 'public',
      closedAt: 'public',
      decision: 'public',
      documents: 'internal',
      parties: 'internal',
      property: 'internal',
      confidentiality: 'internal',
      ...(deadline ? { deadline: 'public' as const } : {}),
    },
  );
}

export function ss12000PlaceringByHand(r: Src, ctx: Ctx): CanonicalCase {
  // The local date at +01:00 and the day after the end date, as the mapping's expressions take them.
  const today = new Date(ctx.now.getTime() + 3_600_000).toISOString().slice(0, 10);
  const ended = typeof r.endDate === 'string' && r.endDate < today;
  const closed = ended
    ? date(new Date(Date.parse(r.endDate) + 86_400_000).toISOString().slice(0, 10), 'iso')
    : undefined;
  const sourceCode = ended ? 'Avslutad' : 'Placerad';
  const code = table(ctx, 'status', sourceCode) as StatusCode;
  const created = date(r.meta?.created, 'iso');
  const kind =
    r.schoolType === 'FS'
      ? 'Plats i förskola'
      : r.schoolType === 'FTH'
        ? 'Plats i fritidshem'
        : 'Plats i öppen fritidsverksamhet';
  const unit = r.placedAt?.displayName;
  const person = (p: Src, role: 'guardian' | 'child', name: string) => ({
    role,
    ...(name ? { displayName: name } : {}),
    personRef: ref(ctx, p.civicNo?.value),
    protectedIdentity: table(ctx, 'skyddad', p.securityMarking),
  });
  return finish(
    ctx,
    {
      ...source(ctx, r.id, date(r.meta?.modified, 'iso')),
      reference: r.id,
      title: `${kind}${unit ? ` – ${unit}` : ''} från ${r.startDate}`,
      caseType: { code: r.schoolType, label: table(ctx, 'skolformer', r.schoolType) },
      office: {
        code: r.placedAt.id,
        name: unit ?? 'Skolenhet',
        contact: { phone: '090-16 10 00', email: 'skolplacering@umea.example' },
      },
      status: { code, label: STATUS_LABELS[code], sourceCode, since: closed ?? created },
      decidedAt: created,
      decision: { outcome: 'placerad', at: created },
      ...(closed ? { closedAt: closed } : {}),
      documents: [],
      parties: [
        ...list(r._embedded?.owners).map((o) =>
          person(o, 'guardian', [o.givenName, o.familyName].filter(Boolean).join(' ').trim()),
        ),
        ...list(r._embedded?.child).map((c) => person(c, 'child', c.givenName)),
      ],
      confidentiality: { level: 'internal' },
    },
    code,
    {
      status: 'public',
      title: 'public',
      caseType: 'public',
      office: 'public',
      confidentiality: 'internal',
      decidedAt: 'public',
      decision: 'public',
      closedAt: 'public',
      parties: 'confidential',
    },
  );
}

export function omsorgByHand(r: Src, ctx: Ctx): CanonicalCase {
  const code = table(ctx, 'status', r.Status['@kod']) as StatusCode;
  const h = r.Handlaggare;
  return finish(
    ctx,
    {
      ...source(ctx, r['@id'], date(r['@senastAndrad'], 'iso')),
      reference: r.Diarienummer,
      title: r.Rubrik || r.Arendetyp['#text'],
      caseType: { code: r.Arendetyp['@kod'], label: table(ctx, 'arendetyper', r.Arendetyp['@kod']) },
      office: {
        code: 'IFN',
        name: 'Individ- och familjenämnden',
        contact: { phone: '090-16 10 00', email: 'socialtjansten@umea.example' },
      },
      handler: {
        ...(h?.Namn ? { name: h.Namn } : {}),
        unit: r.Enhet?.['#text'] || 'Socialtjänsten',
        ...(h?.Telefon ? { contact: { phone: h.Telefon } } : {}),
      },
      status: {
        code,
        label: STATUS_LABELS[code],
        sourceCode: r.Status['@kod'],
        since: date(r.Status['@datum'] || r['@senastAndrad'], 'iso'),
      },
      receivedAt: date(r.Inkommen, 'yyyy-MM-dd'),
      ...(r.Beslut?.['@datum'] ? { decidedAt: date(r.Beslut['@datum'], 'iso') } : {}),
      ...(r.Beslut
        ? {
            decision: {
              outcome: table(ctx, 'beslut', r.Beslut['@utfall']),
              at: date(r.Beslut['@datum'], 'iso'),
            },
          }
        : {}),
      documents: list(r.Handlingar?.Handling).map((d) => ({
        title: d['#text'],
        kind: table(ctx, 'handlingstyper', d['@typ']),
        receivedAt: date(d['@inkommen'], 'yyyy-MM-dd'),
      })),
      parties: list(r.Klient).map((k) => ({
        role: 'client',
        ...(k.Namn ? { displayName: k.Namn } : {}),
        personRef: ref(ctx, k.Personnummer),
        protectedIdentity: bool(k.Skyddad ?? false),
      })),
      confidentiality: { level: 'confidential' },
    },
    code,
    {
      status: 'confidential',
      title: 'confidential',
      caseType: 'confidential',
      office: 'public',
      handler: 'internal',
      receivedAt: 'public',
      decidedAt: 'confidential',
      decision: 'confidential',
      documents: 'confidential',
      parties: 'confidential',
      confidentiality: 'public',
    },
  );
}

export const HANDWRITTEN: Record<string, (r: Src, ctx: Ctx) => CanonicalCase> = {
  'byggr-arendeexport/bygglov': byggrByHand,
  'ss12000/placering': ss12000PlaceringByHand,
  'omsorg-xml/socialtjanst': omsorgByHand,
};
