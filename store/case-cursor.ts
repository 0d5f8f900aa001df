/** Search cursors: opaque to clients, checked strictly when they come back. */
import { AppError } from '../app/errors.js';
import { isUuid } from '../schemas/case-id.js';

/** The position after the last row of a page: its source time and id (the order of every search). */
export type Cursor = { u: string; i: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.u, c.i])).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const [u, i] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof u === 'string' && typeof i === 'string' && !Number.isNaN(Date.parse(u)) && isUuid(i)) {
      return { u, i };
    }
  } catch {
    // fall through to the validation error below
  }
  throw new AppError('validation', 'The cursor is not one this service issued.', {
    errors: [{ field: 'cursor', message: 'Invalid cursor' }],
  });
}
