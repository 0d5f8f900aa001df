/** A stored knowledge entry as the API shows it: the topic's labels from the municipality's list. */
import type { KnowledgeListItem } from '../schemas/knowledge.js';
import type { KnowledgeRow } from '../store/knowledge-store.js';
import { maskPersonnummerShapes } from './contact-text.js';
import type { ContactTopics } from './topic-schema.js';

/** How much of an earlier contact's text a suggestion shows. */
export const EXCERPT_CHARS = 160;

export function entrySummary(row: KnowledgeRow, topics: ContactTopics): KnowledgeListItem {
  const topic = topics.get(row.municipality)?.get(row.topic);
  return {
    id: row.id,
    municipality: row.municipality,
    // A code dropped from the file since keeps its code as its label rather than vanishing.
    topic: { code: row.topic, label: topic?.label ?? { sv: row.topic, en: row.topic, ar: row.topic } },
    question: row.question,
    answer: row.answer,
    caseDomain: row.caseDomain,
    caseType: row.caseType,
    caseStatus: row.caseStatus,
    status: row.status,
    fromContact: row.fromContact,
    author: row.authorSubject,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rank: row.rank,
  };
}

/**
 * The start of a contact's stored text, cut at a word. The text was masked when stored; it is masked
 * again here so that a suggestion can never show a number, whatever an older row holds.
 *
 * @example
 * excerpt('Handläggningstiden är tio veckor från komplett ansökan …'); // at most 160 characters, then '…'
 */
export function excerpt(text: string): string {
  const masked = maskPersonnummerShapes(text);
  if (masked.length <= EXCERPT_CHARS) return masked;
  const cut = masked.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
