import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { END_POINTS } from './model.js';
import { PAGE_TOKEN_WITH_FILTER } from './query.js';
import { type Ss12000Simulator, startSs12000Simulator } from './server.js';

type Page<T> = { data: T; pageToken: string | null };
type Placement = { id: string; meta: { created: string; modified: string }; [k: string]: unknown };

describe('SS 12000 simulator: placements, persons, deletedEntities', () => {
  let sim: Ss12000Simulator;
  let auth: Record<string, string>;
  const get = async <T>(path: string, base = sim.url) => {
    const res = await fetch(`${base}${path}`, { headers: auth });
    return { status: res.status, body: (res.status === 404 ? undefined : await res.json()) as T };
  };
  const walk = async (first: string): Promise<Placement[]> => {
    const all: Placement[] = [];
    let page = (await get<Page<Placement[]>>(first)).body;
    all.push(...page.data);
    while (page.pageToken) {
      page = (await get<Page<Placement[]>>(`/placements?limit=7&pageToken=${page.pageToken}`)).body;
      expect(page.data.length).toBeLessThanOrEqual(7);
      all.push(...page.data);
    }
    return all;
  };

  beforeAll(async () => {
    sim = await startSs12000Simulator({ seed: 11 });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
    });
    const { access_token } = (await (await fetch(sim.tokenUrl, { method: 'POST', body: form })).json()) as {
      access_token: string;
    };
    auth = { authorization: `Bearer ${access_token}` };
  });
  afterAll(() => sim.close());

  it('pages through every placement exactly once with pageToken (no skipped or repeated page)', async () => {
    const all = await walk('/placements?limit=7');
    const expected = [...(sim.data.state('2480')?.placements.keys() ?? [])].sort();
    expect(all.map((p) => p.id).sort()).toEqual(expected);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(14);
  });

  it('keeps the first request’s filters and sort in the token', async () => {
    const all = await walk('/placements?limit=7&sortkey=StartDateDesc&expand=child');
    const dates = all.map((p) => p.startDate as string);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all.every((p) => (p._embedded as { child?: unknown }).child)).toBe(true);
  });

  it('answers 400 with the Error shape when pageToken comes with a filter', async () => {
    const first = await get<Page<Placement[]>>('/placements?limit=3');
    const res = await get<{ code: string; message: string }>(
      `/placements?pageToken=${first.body.pageToken}&meta.modified.after=2026-01-01T00:00:00Z`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'PageTokenWithFilter', message: PAGE_TOKEN_WITH_FILTER });
    expect((await get(`/placements?pageToken=${first.body.pageToken}&expand=child`)).status).toBe(400);
    expect((await get('/placements?pageToken=not-a-token')).status).toBe(400);
  });

  it('serves placements in the sheet’s shape and Swedish enums', async () => {
    const { body } = await get<Page<Placement[]>>('/placements?expandReferenceNames=true&limit=100');
    for (const p of body.data) {
      expect(p).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        meta: { created: expect.any(String), modified: expect.any(String) },
        placedAt: { id: expect.any(String), displayName: expect.any(String) },
        child: {
          id: expect.any(String),
          securityMarking: expect.stringMatching(/^(Ingen|Sekretessmarkering|Skyddad folkbokföring)$/),
        },
        startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect(['FS', 'FTH', 'OPPFTH']).toContain(p.schoolType);
      expect(['Omsorgsbehov', 'Erbjuden tid', 'Eget behov']).toContain(p.reason);
      expect(p).not.toHaveProperty('status');
    }
    expect(
      body.data.some(
        (p) => (p.child as { securityMarking: string }).securityMarking === 'Skyddad folkbokföring',
      ),
    ).toBe(true);
    const one = body.data[0] as Placement;
    expect((await get(`/placements/${one.id}`)).body).toMatchObject({ id: one.id });
    expect((await get('/placements/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/placements/nope')).status).toBe(400);
  });

  it('returns only placements changed strictly after meta.modified.after', async () => {
    const before = sim.data.now();
    const since = before.toISOString();
    const changes = sim.data.advance(new Date(before.getTime() + 86_400_000));
    sim.data.advance(new Date(before.getTime() + 2 * 86_400_000));
    const live = sim.data.state('2480')?.placements;
    const changed = [...(live?.values() ?? [])].filter((p) => p.modified > before.getTime()).map((p) => p.id);
    const got = await walk(`/placements?limit=7&meta.modified.after=${encodeURIComponent(since)}`);
    expect(got.map((p) => p.id).sort()).toEqual(changed.sort());
    expect(changes.length).toBeGreaterThan(0);
    for (const p of got) expect(Date.parse(p.meta.modified)).toBeGreaterThan(before.getTime());
    // Exclusive: asking after the newest change time gives nothing back.
    const newest = new Date(Math.max(...got.map((p) => Date.parse(p.meta.modified)))).toISOString();
    expect((await get<Page<Placement[]>>(`/placements?meta.modified.after=${newest}`)).body.data).toEqual([]);
  });

  it('lists in /deletedEntities what was deleted after a time, every array present', async () => {
    const deletions = sim.data.state('2480')?.deletions ?? [];
    expect(deletions.length).toBeGreaterThan(2);
    const cut = deletions[Math.floor(deletions.length / 2)]?.at as number;
    const { body } = await get<Page<Record<string, string[]>>>(
      `/deletedEntities?after=${new Date(cut).toISOString()}&entities=Placement,Person`,
    );
    expect(Object.keys(body.data).length).toBe(END_POINTS.length);
    expect(body.data).toHaveProperty('activitites');
    expect(body.data.placements?.sort()).toEqual(
      deletions
        .filter((d) => d.at >= cut)
        .map((d) => d.id)
        .sort(),
    );
    const live = await walk('/placements?limit=7');
    expect(live.some((p) => body.data.placements?.includes(p.id))).toBe(false);
    expect((await get('/deletedEntities?entities=Nonsense')).status).toBe(400);
  });

  it('links a child to guardians through /persons?civicNo and expand', async () => {
    const { body } = await get<Page<Record<string, unknown>[]>>(
      '/persons?civicNo=201812312385&expand=placements',
    );
    const child = body.data[0] as Record<string, unknown>;
    expect(child).toMatchObject({
      civicNo: { value: '201812312385', nationality: 'SE' },
      sex: 'Kvinna', // from the number's sex digit (8), whatever the invented name suggests
      responsibles: [{ relationType: 'Vårdnadshavare' }],
    });
    expect((child._embedded as { placements: unknown[] }).placements.length).toBeGreaterThan(0);
    const guardian = ((child.responsibles as { person: { id: string } }[])[0] as { person: { id: string } })
      .person.id;
    const g = await get<Record<string, unknown>>(
      `/persons/${guardian}?expand=responsibleFor,ownedPlacements`,
    );
    expect(g.body).toMatchObject({ givenName: 'Maja', civicNo: { value: '199003212389' } });
    const protectedOnes = await get<Page<{ securityMarking: string; addresses?: unknown }[]>>(
      '/persons?nameContains=Skyddsdal',
    );
    expect(protectedOnes.body.data.map((p) => p.securityMarking)).toEqual([
      'Skyddad folkbokföring',
      'Skyddad folkbokföring',
    ]);
    expect(protectedOnes.body.data.every((p) => p.addresses === undefined)).toBe(true);
  });

  it('serves Vännäs (2460) as its own source with its own persons', async () => {
    const { body } = await get<Page<Placement[]>>('/placements?limit=100', sim.urls['2460']);
    const umea = new Set(sim.data.state('2480')?.placements.keys());
    expect(body.data.length).toBeGreaterThan(5);
    expect(body.data.some((p) => umea.has(p.id))).toBe(false);
  });
});
