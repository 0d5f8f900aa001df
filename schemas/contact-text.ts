/** The free text of the contact register (questions, answers, notes): trimmed, not empty, not a letter. */
import { z } from '@hono/zod-openapi';

/** The longest question or answer kept: a contact is a note taken during a call, not a letter. */
export const CONTACT_TEXT_MAX = 4000;

export const ContactTextSchema = z
  .string()
  .trim()
  .min(1, 'får inte vara tom / must not be empty')
  .max(CONTACT_TEXT_MAX, `högst ${CONTACT_TEXT_MAX} tecken / at most ${CONTACT_TEXT_MAX} characters`);
