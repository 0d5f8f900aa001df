/**
 * Hand-written TypeScript versions of the three shipped mappings: the baseline the declarative
 * engine is measured against. They do the same work (same date parsing, person references and
 * output validation) so the ratio shows the engine's own overhead.
 */
import type { CanonicalCase, StatusCode } from '../schemas/case.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import { byggrByHand } from './handwritten-byggr.js';
import { bool, type Ctx, date, finish, list, ref, type Src, source, table } from './handwritten-support.js';

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
      decision: {
        outcome: 'placerad',
        label: { sv: 'Plats beviljad', en: 'Place granted', ar: 'تم منح مكان' },
        at: created,
      },
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
              label: table(ctx, 'beslutstexter', r.Beslut['@utfall']),
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
