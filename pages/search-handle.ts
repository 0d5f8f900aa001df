/**
 * A staff search kept between its pages without the searched number: the resolved query (person
 * references, never a personnummer), how it was searched and what to show for it (a masked number),
 * sealed (AES-256-GCM) for this browser and this person, for half an hour. Any hub instance with the
 * same key opens it; nothing is stored on the server, and the handle goes only in POSTed forms.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CaseQuery } from '../cases/audited-search.js';
import type { SearchKind } from './staff.js';

export type SearchHandle = {
  kind: SearchKind;
  query: CaseQuery;
  /** What the page shows for the search: the text searched for, or a masked number ("19900321-••••"). */
  shown: string;
};

type Sealed = SearchHandle & { exp: number };

/** Longer than any handle we make (a few hundred characters); anything longer is not ours. */
const MAX_HANDLE_CHARS = 2_000;
const TTL_MS = 30 * 60_000;

export type SearchHandles = {
  /** `bind`: who and which browser may open it (the principal's subject and the CSRF secret). */
  seal(handle: SearchHandle, bind: string): string;
  /** The handle, or undefined when it is not ours, is bound to someone else, or has expired. */
  open(token: unknown, bind: string): SearchHandle | undefined;
};

/**
 * @example
 * const handles = searchHandles(session.derivedKey('staff-search-handle'), () => new Date());
 * handles.open(handles.seal({ kind: 'text', query: { by: 'text', value: 'garage' }, shown: 'garage' }, bind), bind);
 */
export function searchHandles(key: Buffer, now: () => Date): SearchHandles {
  return {
    seal(handle, bind) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(bind));
      const sealed: Sealed = { ...handle, exp: now().getTime() + TTL_MS };
      const body = Buffer.concat([cipher.update(JSON.stringify(sealed), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(token, bind) {
      if (typeof token !== 'string' || token.length > MAX_HANDLE_CHARS || !/^[A-Za-z0-9_-]+$/.test(token))
        return undefined;
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(bind));
        decipher.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        const { exp, ...handle } = JSON.parse(text) as Sealed;
        return typeof exp === 'number' && exp > now().getTime() ? handle : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
