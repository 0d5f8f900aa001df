/** Source health as a caller may see it: the policy decides which sources' counts and freshness they get. */
import type { Principal } from '../app/principal.js';
import { maySeeSource } from '../policy/access.js';
import type { Policy } from '../policy/policy-schema.js';
import type { SourceStatus } from '../schemas/source-status.js';

export type SourceHealth = {
  /** The sources whose municipality and domain the principal may see (admins: all). */
  visibleTo(principal: Principal): Promise<SourceStatus[]>;
};

/**
 * Builds the filtered view of the sync engine's status, shared by the API and the staff console.
 *
 * @example
 * const health = createSourceHealth({ policy, sources: syncEngine });
 * await health.visibleTo(principal);
 */
export function createSourceHealth(deps: {
  policy: Policy;
  sources: { status(): Promise<SourceStatus[]> };
}): SourceHealth {
  return {
    async visibleTo(principal) {
      return (await deps.sources.status()).filter((s) => maySeeSource(principal, deps.policy, s));
    },
  };
}
