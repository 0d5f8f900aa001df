/**
 * The identity-number rule kinds: a personnummer, an organisationsnummer, or either, turned into keyed
 * references (`pr1_…`, `or1_…`). The number itself is never returned, kept or put in a message.
 */
import { parseOrganisationsnummer } from '../../person/organisationsnummer.js';
import { parsePersonnummer } from '../../person/personnummer.js';
import { compileRule } from './compile-rule.js';
import type { Rule } from './mapping-schema.js';
import { type CompileEnv, type Inner, NO_VALUE } from './rule-context.js';
import { isMissing } from './source-path.js';

type IdentityKind = 'personnummer' | 'organisationsnummer' | 'personOrOrganisation';

const DESCRIBE: Record<IdentityKind, string> = {
  personnummer: 'personnummer → person reference',
  organisationsnummer: 'organisationsnummer → organisation reference',
  personOrOrganisation: 'personnummer or organisationsnummer → personRef or orgRef',
};

export function compileIdentityNumber(
  kind: IdentityKind,
  rule: Rule,
  at: (string | number)[],
  env: CompileEnv,
): Inner {
  if (kind === 'personOrOrganisation' && !env.refSlot)
    env.issues.push({
      path: [...at, kind],
      message: 'a personOrOrganisation rule goes under the key "ref" of a party object',
    });
  const source = compileRule({ ...(rule[kind] as Rule), optional: true }, [...at, kind], {
    ...env,
    refSlot: false,
  });
  return {
    describe: `${DESCRIBE[kind]} ← ${source.describe}`,
    evaluate: (scope, ctx, field) => {
      const value = source.evaluate(scope, ctx, field);
      if (isMissing(value)) return NO_VALUE;
      const text = String(value);
      // The value is personal data: messages name the field and the reason only.
      // The two kinds of number never overlap: an organisationsnummer's third digit is 2 or more.
      const org = kind === 'personnummer' ? undefined : parseOrganisationsnummer(text);
      if (org?.ok) {
        const ref = ctx.personRefs.fromOrganisation(org.value);
        return kind === 'organisationsnummer' ? ref : { orgRef: ref };
      }
      const orgReason = org && !org.ok ? org.reason : 'format';
      if (kind === 'organisationsnummer') {
        ctx.problems.push({ field, message: `not a valid organisationsnummer (${orgReason})` });
        return NO_VALUE;
      }
      const person = parsePersonnummer(text, { now: ctx.now });
      if (person.ok) {
        const ref = ctx.personRefs.fromParsed(person.value);
        return kind === 'personnummer' ? ref : { personRef: ref };
      }
      ctx.problems.push({
        field,
        message:
          kind === 'personnummer'
            ? `not a valid personnummer (${person.reason})`
            : `neither a valid personnummer (${person.reason}) nor a valid organisationsnummer (${orgReason})`,
      });
      return NO_VALUE;
    },
  };
}
