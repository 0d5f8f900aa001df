/** Who asks and why: the plain inputs every audited service call takes instead of an HTTP request. */
import type { Principal } from '../app/principal.js';

/**
 * The caller of a service: the signed-in principal, the request id that ties the audit entry to
 * the request log, and the stated purpose of the read (an id from the policy's `purposes`).
 */
export type Caller = {
  principal: Principal;
  requestId: string;
  purpose?: string | undefined;
};
