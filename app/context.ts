/** The typed Hono environment shared by middleware and handlers. */
import type { Principal } from './principal.js';

export type AppEnv = {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
  };
};
