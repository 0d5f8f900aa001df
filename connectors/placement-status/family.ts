/**
 * Who to ask the application-status look-up about: the vendor answers per child, so a guardian's
 * search needs the guardian's children first. They come from the municipality's SS 12000 API, by the
 * sheet's linking recipe (§4): `/persons?civicNo=<guardian>&expand=responsibleFor`, then each child and
 * each child's other guardians by id. Numbers go into those requests and nowhere else.
 */
import { apiUrl } from '../ss12000/pull.js';
import type { Ss12000Http } from '../ss12000/transport.js';

/** A guardian as the mapping reads it: SS 12000's own field names. */
export type Guardian = {
  givenName?: unknown;
  familyName?: unknown;
  civicNo?: { value?: unknown };
  securityMarking?: unknown;
};

/** A person to ask the look-up about (12 digits), and the guardians known for that child. */
export type Target = { number: string; guardians: Guardian[] };

type Person = Guardian & {
  id?: unknown;
  responsibles?: { person?: { id?: unknown }; relationType?: unknown }[];
  _embedded?: { responsibleFor?: { person?: { id?: unknown }; relationType?: unknown }[] };
};

// Only guardians (vårdnadshavare) answer for a child's preschool application.
const GUARDIAN = 'Vårdnadshavare';

const idsOf = (list: { person?: { id?: unknown }; relationType?: unknown }[] | undefined): string[] =>
  (list ?? []).flatMap((r) =>
    r.relationType === GUARDIAN && typeof r.person?.id === 'string' ? [r.person.id] : [],
  );

const asGuardian = (p: Person): Guardian => ({
  givenName: p.givenName,
  familyName: p.familyName,
  civicNo: { value: p.civicNo?.value },
  securityMarking: p.securityMarking,
});

/**
 * The asked person and, when they are a guardian, their children (at most `maxChildren`), each with
 * the guardians SS 12000 names. A person SS 12000 does not know is asked about alone.
 *
 * @example
 * const targets = await familyOf(http, baseUrl, '199003212389', 6, signal);
 */
export async function familyOf(
  http: Ss12000Http,
  baseUrl: string,
  asked: string,
  maxChildren: number,
  signal: AbortSignal,
): Promise<Target[]> {
  const answer = await http.get(
    'find person',
    apiUrl(baseUrl, '/persons', [
      ['civicNo', asked],
      ['expand', 'responsibleFor'],
    ]),
    signal,
  );
  const self =
    answer.status === 200 ? ((answer.body as { data?: Person[] })?.data?.[0] ?? undefined) : undefined;
  if (!self) return [{ number: asked, guardians: [] }];
  const known = new Map<string, Person>();
  if (typeof self.id === 'string') known.set(self.id, self);
  const byId = async (id: string): Promise<Person | undefined> => {
    const cached = known.get(id);
    if (cached) return cached;
    const one = await http.get('read person', apiUrl(baseUrl, `/persons/${encodeURIComponent(id)}`), signal);
    const person = one.status === 200 ? (one.body as Person) : undefined;
    if (person) known.set(id, person);
    return person;
  };
  const children = (
    await Promise.all(idsOf(self._embedded?.responsibleFor).slice(0, maxChildren).map(byId))
  ).filter((c): c is Person => c !== undefined);
  const guardiansOf = async (p: Person) =>
    (await Promise.all(idsOf(p.responsibles).map(byId)))
      .filter((g): g is Person => g !== undefined)
      .map(asGuardian);
  const twelve = (p: Person) => (typeof p.civicNo?.value === 'string' ? p.civicNo.value : undefined);
  return [
    { number: asked, guardians: await guardiansOf(self) },
    ...(await Promise.all(
      children.flatMap((c) => {
        const number = twelve(c);
        return number ? [guardiansOf(c).then((guardians) => ({ number, guardians }))] : [];
      }),
    )),
  ];
}
