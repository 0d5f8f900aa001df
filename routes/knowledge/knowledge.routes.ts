/** OpenAPI route definitions for the information center's knowledge base. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  EditEntrySchema,
  KnowledgeEntryViewSchema,
  KnowledgeListSchema,
  KnowledgeQuerySchema,
  ProposeEntrySchema,
  SuggestionsSchema,
  SuggestQuerySchema,
} from '../../schemas/knowledge.js';
import { bearerSecurity, errorResponses, problem } from '../shared.js';

const notFound = { 404: problem('No such entry (or not one the caller may see)') } as const;
const conflict = { 409: problem('The entry is not in a state that allows this') } as const;
const unprocessable = {
  422: problem('The entry’s text still names a person, or the contact it would come from has no answer'),
} as const;
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const tags = ['knowledge'];

export const EntryIdParamsSchema = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '3f1c0d4e-5d0c-4b9e-8f6a-9b7e2a2f1c0d' }),
});

export const searchKnowledge = createRoute({
  method: 'get',
  path: '/api/v1/knowledge',
  operationId: 'searchKnowledge',
  tags,
  summary: 'Search a municipality’s knowledge entries (Swedish full text, every word a prefix)',
  description:
    'Published entries by default. `status=draft|review|withdrawn` lists unpublished ones: all of them ' +
    'for a reviewer, the caller’s own otherwise. `caseType` and `caseStatus` give a case page the entries ' +
    'for its case (an entry without a case status applies to every status). Ranked by `q` when given.',
  security: bearerSecurity,
  request: { query: KnowledgeQuerySchema },
  responses: {
    200: { description: 'Matching entries, best first', ...json(KnowledgeListSchema) },
    ...errorResponses,
  },
});

export const suggestKnowledge = createRoute({
  method: 'get',
  path: '/api/v1/knowledge/suggest',
  operationId: 'suggestKnowledge',
  tags,
  summary: 'Suggestions while an agent types: published entries and earlier answered contacts that match',
  description:
    'Contacts are shown as excerpts of their question and answer (any personnummer masked) with their ' +
    'topic and id, never their person, callback number or owner; the read is audited like a contact list.',
  security: bearerSecurity,
  request: { query: SuggestQuerySchema },
  responses: {
    200: { description: 'Suggestions, best first', ...json(SuggestionsSchema) },
    ...errorResponses,
  },
});

export const proposeEntry = createRoute({
  method: 'post',
  path: '/api/v1/knowledge',
  operationId: 'proposeKnowledgeEntry',
  tags,
  summary: 'Propose a draft entry, freely or from an answered contact (`fromContact`)',
  description:
    'Texts are Swedish first (`sv` required, `en` and `ar` optional, each a question with its answer). ' +
    'A personnummer in any text is refused (400 naming the field). From a contact only its question, ' +
    'answer, topic and municipality are taken, never its person or callback number.',
  security: bearerSecurity,
  request: { body: { required: true, ...json(ProposeEntrySchema) } },
  responses: {
    201: { description: 'The draft', ...json(KnowledgeEntryViewSchema) },
    404: problem('No such contact (or not one the caller may handle)'),
    ...unprocessable,
    ...errorResponses,
  },
});

export const getEntry = createRoute({
  method: 'get',
  path: '/api/v1/knowledge/{id}',
  operationId: 'getKnowledgeEntry',
  tags,
  summary: 'One entry with its history',
  description:
    'Information center, case officers and admins, for an entry of a municipality they work for: in any status (drafts and withdrawn entries too), with each step taken on it (proposed, edited, submitted, published, withdrawn).',
  security: bearerSecurity,
  request: { params: EntryIdParamsSchema },
  responses: {
    200: { description: 'The entry', ...json(KnowledgeEntryViewSchema) },
    ...notFound,
    ...errorResponses,
  },
});

export const editEntry = createRoute({
  method: 'patch',
  path: '/api/v1/knowledge/{id}',
  operationId: 'editKnowledgeEntry',
  tags,
  summary: 'Edit a draft, an entry in review, or a withdrawn entry (which returns to draft)',
  description:
    'Each field given replaces the entry’s. A published entry is withdrawn before it is edited (409).',
  security: bearerSecurity,
  request: { params: EntryIdParamsSchema, body: { required: true, ...json(EditEntrySchema) } },
  responses: {
    200: { description: 'The entry', ...json(KnowledgeEntryViewSchema) },
    ...notFound,
    ...conflict,
    ...errorResponses,
  },
});

const stepRoute = (path: string, operationId: string, summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/api/v1/knowledge/{id}/${path}`,
    operationId,
    tags,
    summary,
    description,
    security: bearerSecurity,
    request: { params: EntryIdParamsSchema },
    responses: {
      200: { description: 'The entry', ...json(KnowledgeEntryViewSchema) },
      ...notFound,
      ...conflict,
      ...unprocessable,
      ...errorResponses,
    },
  });

export const submitEntry = stepRoute(
  'submit',
  'submitKnowledgeEntry',
  'Send a draft for review',
  'Refused (422) while a text still names a person (e.g. "[personnummer]" from the contact).',
);
export const publishEntry = stepRoute(
  'publish',
  'publishKnowledgeEntry',
  'Approve an entry in review: it becomes searchable by every agent of the municipality',
  'Reviewers only (policy: `knowledge_review`), and never one who proposed or edited the entry (403).',
);
export const withdrawEntry = stepRoute(
  'withdraw',
  'withdrawKnowledgeEntry',
  'Withdraw an entry (published, in review or a draft): it is no longer suggested',
  'Reviewers only. A withdrawn entry can be edited back into a draft.',
);
