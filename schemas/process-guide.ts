/**
 * A case type's process (issue 16): its steps in order, which canonical statuses belong to each, and
 * what the citizen must do at each. Declared in the mapping (data), shown with "you are here".
 */
import { z } from '@hono/zod-openapi';
import { LocalizedTextSchema, STATUS_CODES, type StatusCode, type StatusEntry } from './case.js';

export const ProcessStepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a step id is lower-case, e.g. "complete"'),
    statuses: z
      .array(z.enum(STATUS_CODES))
      .min(1)
      .describe('The canonical statuses that mean the case is at this step'),
    label: LocalizedTextSchema.describe('The step, as the citizen reads it'),
    citizen: LocalizedTextSchema.describe(
      'What the citizen must do at this step (or that nothing is needed)',
    ),
    optional: z
      .boolean()
      .default(false)
      .describe(
        'A step not every case passes (a request for supplements, an appeal): shown only once reached',
      ),
  })
  .strict();

export const ProcessSchema = z
  .object({
    caseTypes: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'The case type codes this process is for; absent: every case type of the mapping without its own',
      ),
    steps: z.array(ProcessStepSchema).min(2),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Map<string, string>();
    for (const [i, step] of p.steps.entries()) {
      for (const status of step.statuses) {
        const other = seen.get(status);
        if (other)
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'statuses'],
            message: `${status} is already in step ${other}`,
          });
        seen.set(status, step.id);
      }
    }
  });
export type Process = z.infer<typeof ProcessSchema>;

export const GuideStepSchema = z
  .object({
    id: z.string(),
    label: LocalizedTextSchema,
    citizen: LocalizedTextSchema,
    state: z.enum(['done', 'current', 'upcoming']),
  })
  .openapi('GuideStep');

export const ProcessGuideSchema = z.object({ steps: z.array(GuideStepSchema) }).openapi('ProcessGuide', {
  description: "The steps of this case type's process, with the one the case is at now (state current)",
});
export type ProcessGuide = z.infer<typeof ProcessGuideSchema>;

/**
 * The guide for a case at `status` that has passed `history`: the step holding the status is current,
 * those before it done, those after upcoming. An optional step shows only when the case is at it or
 * passed it. No guide when the status is in no step.
 *
 * @example
 * guideFor(process, 'in_progress', history)?.steps.find((s) => s.state === 'current')?.id; // 'review'
 */
export function guideFor(
  process: Process,
  status: StatusCode,
  history: readonly Pick<StatusEntry, 'code'>[],
): ProcessGuide | undefined {
  const at = process.steps.findIndex((s) => s.statuses.includes(status));
  if (at < 0) return undefined;
  const passed = new Set(history.map((h) => h.code));
  const steps = process.steps.flatMap((step, i) => {
    const state = i < at ? 'done' : i === at ? 'current' : 'upcoming';
    if (
      step.optional &&
      state !== 'current' &&
      !(state === 'done' && step.statuses.some((s) => passed.has(s)))
    )
      return [];
    return [{ id: step.id, label: step.label, citizen: step.citizen, state } as const];
  });
  return { steps };
}

/** The process of `caseType` among a mapping's processes: its own, else the one for every type. */
export function processOf(processes: readonly Process[] | undefined, caseType: string): Process | undefined {
  return (
    processes?.find((p) => p.caseTypes?.includes(caseType)) ??
    processes?.find((p) => p.caseTypes === undefined)
  );
}
