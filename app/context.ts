/** The typed Hono environment shared by middleware and handlers. */
import type { Principal } from './principal.js';

export type AppEnv = {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
    /** This browser's CSRF secret (pages only), from its cookie or made for this response. */
    csrfSecret: string | undefined;
    /** Pages only: the request was sent to sign in (a signed-out probe of a case page is recorded). */
    signInRequired: boolean | undefined;
  };
};
