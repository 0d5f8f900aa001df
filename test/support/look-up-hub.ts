/**
 * A hub for look-up-on-demand tests: one engine over a fresh embedded store whose log lines are kept
 * (to check no number reaches them), the sources a test adds, and the API over the same store. The
 * schedule never runs, so whatever a search finds, the look-up found.
 */

import { createLogger } from '../../app/logger.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { createEngineOn } from '../../sync/create-engine.js';
import type { SyncEngine } from '../../sync/engine.js';
import { TEST_PERSON_REF_KEY, testApp } from './app.js';
import { TEST_CASE_ID_KEY } from './cases.js';
import { freshDatabase } from './databases.js';
import { capturingDestination } from './log-sink.js';

/** ByggR v8's look-up by person or organisation, as the soap connector's `findByParty` option. */
export const V8_FIND_BY_PARTY = {
  operation: 'GetRelateradeArendenByPersOrgNr',
  argument: 'persOrgNr',
  resultPath: 'GetRelateradeArendenByPersOrgNrResult.arende',
  organisationPrefix16: false,
};

export async function lookUpHub(owner: string, addSources: (engine: SyncEngine) => Promise<void>) {
  const database = await freshDatabase('pglite');
  const lines: string[] = [];
  const { engine } = createEngineOn({
    db: database.db,
    key: TEST_PERSON_REF_KEY,
    caseIds: createCaseIdMinter(TEST_CASE_ID_KEY),
    logger: createLogger({ level: 'info', destination: capturingDestination(lines) }),
    owner,
    searchIndex: searchIndexRule(loadPolicy()),
  });
  await addSources(engine);
  const t = await testApp('pglite', {
    database,
    sources: engine,
    now: () => new Date(),
    lookUpTimeoutMs: 3_000,
  });
  return {
    t,
    db: database.db,
    /** What the engine logged (the API's own lines are in `t.logLines`). */
    lines,
    staff: await t.tokenFor('infocenter'),
    close: () => engine.stop().then(() => t.drop()),
  };
}
