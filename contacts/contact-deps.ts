/** What the composition root builds once for the contact register over one database and the hub's secret. */
import { createSealedBox } from '../person/sealed-box.js';
import { createStatsStore, type StatsStore } from '../store/contact-stats.js';
import { createContactStore } from '../store/contact-store.js';
import type { Db } from '../store/db.js';
import { createKnowledgeStore } from '../store/knowledge-store.js';
import { createTaskStore } from '../store/task-store.js';
import { CALLBACK_BOX_PURPOSE, type ContactRegisterDeps } from './contact-register.js';
import type { ContactTopics } from './topic-schema.js';

/**
 * @example
 * createApp({ ..., contacts: contactDepsOn(db, { secret: env.PERSON_REF_KEY, topics: loadTopics() }) });
 */
export function contactDepsOn(
  db: Db,
  options: { secret: string | Buffer; previousSecrets?: readonly (string | Buffer)[]; topics: ContactTopics },
): Pick<ContactRegisterDeps, 'store' | 'tasks' | 'callbackBox' | 'topics' | 'knowledge'> & {
  stats: StatsStore;
} {
  return {
    store: createContactStore(db),
    tasks: createTaskStore(db),
    knowledge: createKnowledgeStore(db),
    stats: createStatsStore(db),
    callbackBox: createSealedBox(options.secret, CALLBACK_BOX_PURPOSE, options.previousSecrets ?? []),
    topics: options.topics,
  };
}
