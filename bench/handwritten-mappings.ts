/**
 * Hand-written TypeScript versions of the three shipped mappings: the baseline the declarative
 * engine is measured against. They do the same work (same date parsing, person references and
 * output validation) so the ratio shows the engine's own overhead.
 */
import type { CanonicalCase, StatusCode } from '../schemas/case.js';
import { STATUS_LABELS } from '../schemas/status-labels.js';
import { byggrByHand } from './handwritten-byggr.js';
import { bool, type Ctx, date, finish, list, ref, type Src, source, table } from './handwritten-support.js';

export function skolplaceringByHand(r: Src, ctx: Ctx): CanonicalCase {
  const code = table(ctx, 'status', r.state) as StatusCode;
  const first = list(r.choices).find((c) => c.rank === 1)?.unitName;
  const kind =
    r.type === 'PRESCHOOL'
      ? 'Ansökan om förskoleplats'
      : r.type === 'SCHOOL_TRANSPORT'
        ? 'Ansökan om skolskjuts'
        : 'Skolplacering';
  const a = r.administrator;
  const person = (p: Src, role: 'guardian' | 'child', name: unknown) => ({
    role,
    ...(name ? { displayName: name } : {}),
    personRef: ref(ctx, p.personalIdentityNumber),
    protectedIdentity: bool(p.protectedIdentity ?? false),
  });
  return finish(
    ctx,
    {
      ...source(ctx, r.id, date(r.updatedAt, 'iso')),
      reference: r.caseNumber,
      title: first ? `${kind} – ${first}` : kind,
      caseType: { code: r.type, label: table(ctx, 'typer', r.type) },
      office: {
        code: 'BUN',
        name: 'Barn- och utbildningsnämnden',
        contact: { phone: '090-16 10 00', email: 'skolplacering@umea.example' },
      },
      handler: {
        ...(a?.name ? { name: a.name } : {}),
        unit: a?.unit || 'Skolplaceringsenheten',
        ...(a?.phone ? { contact: { phone: a.phone } } : {}),
      },
      status: {
        code,
        label: STATUS_LABELS[code],
        sourceCode: r.state,
        since: date(r.stateChangedAt || r.updatedAt, 'iso'),
      },
      receivedAt: date(r.submittedAt, 'iso'),
      ...(r.decision?.decidedAt ? { decidedAt: date(r.decision.decidedAt, 'iso') } : {}),
      ...(r.decision
        ? {
            decision: {
              outcome: table(ctx, 'beslut', r.decision.result),
              at: date(r.decision.decidedAt, 'iso'),
            },
          }
        : {}),
      documents: list(r.attachments).map((d) => ({
        title: d.fileName,
        kind: table(ctx, 'bilagor', d.category),
        receivedAt: date(d.uploadedAt, 'iso'),
      })),
      parties: [
        ...list(r.guardians).map((g) => person(g, 'guardian', g.name)),
        ...list(r.child).map((c) => person(c, 'child', c.firstName)),
      ],
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
      decidedAt: 'public',
      decision: 'public',
      documents: 'internal',
      parties: 'confidential',
      confidentiality: 'internal',
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
  'skolplacering-rest/skolplacering': skolplaceringByHand,
  'omsorg-xml/socialtjanst': omsorgByHand,
};
