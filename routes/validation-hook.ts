/** Turns request-validation failures into one problem+json shape naming each field. */
import type { Hook } from '@hono/zod-openapi';
import { AppError, fieldProblemsFromZod } from '../app/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success) {
    throw new AppError(
      'validation',
      'Begäran är ogiltig; se `errors` för varje fält. / The request is not valid; see `errors` for each field.',
      {
        errors: fieldProblemsFromZod(result.error.issues as Parameters<typeof fieldProblemsFromZod>[0]),
      },
    );
  }
};
