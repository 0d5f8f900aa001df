/** Mapping throughput: the declarative engine against hand-written TypeScript doing the same mapping. */

import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  EXAMPLE_CASE_ID_KEY,
  EXAMPLE_PERSON_REF_KEY,
  listExamples,
  readExample,
} from '../mappings/engine/examples.js';
import { loadMapping, type Mapper } from '../mappings/engine/index.js';
import { shippedMappingsDir } from '../mappings/location.js';
import { createPersonRefHasher } from '../person/person-ref.js';
import { createCaseIdMinter } from '../schemas/case-id.js';
import { HANDWRITTEN } from './handwritten-mappings.js';

const FILES = ['byggr-arendeexport/bygglov.yaml', 'ss12000/placering.yaml', 'omsorg-xml/socialtjanst.yaml'];
const ID_FIELD: Record<string, string> = {
  'byggr-arendeexport/bygglov': '@dnr',
  'ss12000/placering': 'id',
  'omsorg-xml/socialtjanst': '@id',
};

export type MappingThroughput = {
  mapping: string;
  records: number;
  engine: number;
  handwritten: number;
  ratio: number;
};

/** `count` distinct source records built from the mapping's valid example vectors. */
async function records(mapper: Mapper, file: string, count: number): Promise<unknown[]> {
  const refs = createPersonRefHasher(EXAMPLE_PERSON_REF_KEY);
  const caseIds = createCaseIdMinter(EXAMPLE_CASE_ID_KEY);
  const valid: Record<string, unknown>[] = [];
  for (const f of listExamples(file)) {
    const v = readExample(f);
    if ((await mapper.map(v.source, { personRefs: refs, caseIds, now: new Date(v.now) })).ok === true)
      valid.push(v.source as Record<string, unknown>);
  }
  const idField = ID_FIELD[mapper.id] as string;
  return Array.from({ length: count }, (_, i) => {
    const base = valid[i % valid.length] as Record<string, unknown>;
    return { ...base, [idField]: `${String(base[idField])}-${i}` };
  });
}

/** Records each side maps before the other takes its turn. */
const TURN = 1_000;

/**
 * Maps `count` records per shipped mapping, single-threaded, with the engine and with the
 * hand-written baseline (after checking both give identical cases), and returns records/s.
 */
export async function measureMappingThroughput(
  count: number,
  log: (s: string) => void,
): Promise<MappingThroughput[]> {
  const now = new Date('2026-06-01T10:00:00Z');
  const personRefs = createPersonRefHasher(EXAMPLE_PERSON_REF_KEY);
  const caseIds = createCaseIdMinter(EXAMPLE_CASE_ID_KEY);
  const results: MappingThroughput[] = [];
  for (const rel of FILES) {
    const file = join(shippedMappingsDir(), rel);
    const mapper = loadMapping(file);
    const byHand = HANDWRITTEN[mapper.id];
    if (!byHand) throw new Error(`no hand-written baseline for ${mapper.id}`);
    const input = await records(mapper, file, count);
    const ctx = { refs: personRefs, caseIds, now, mapping: mapper.mapping };
    for (const r of input.slice(0, 500)) {
      const e = await mapper.map(r, { personRefs, caseIds, now });
      if (
        e.ok !== true ||
        !isDeepStrictEqual(JSON.parse(JSON.stringify(e.case)), JSON.parse(JSON.stringify(byHand(r, ctx))))
      ) {
        throw new Error(
          `${mapper.id}: the hand-written baseline does not give the engine's result; the comparison would be unfair`,
        );
      }
    }
    // Warm both paths so the JIT has settled before the clock starts.
    for (const r of input.slice(0, 2000)) {
      await mapper.map(r, { personRefs, caseIds, now });
      byHand(r, ctx);
    }
    // Both take turns a chunk at a time, so a change in the machine's load falls on both alike (timed
    // one after the other, a busy spell on one side alone swung a ratio between 0.36× and 1.34×).
    let engineMs = 0;
    let handMs = 0;
    for (let from = 0; from < input.length; from += TURN) {
      const chunk = input.slice(from, from + TURN);
      let started = performance.now();
      for (const r of chunk) {
        const result = await mapper.map(r, { personRefs, caseIds, now });
        if (!result.ok) throw new Error(`${mapper.id}: a generated record failed to map`);
      }
      engineMs += performance.now() - started;
      started = performance.now();
      for (const r of chunk) byHand(r, ctx);
      handMs += performance.now() - started;
    }
    const engine = count / (engineMs / 1000);
    const handwritten = count / (handMs / 1000);
    const row = { mapping: mapper.id, records: count, engine, handwritten, ratio: engine / handwritten };
    log(
      `mapping ${row.mapping}: engine ${Math.round(engine)} rec/s, hand-written ${Math.round(handwritten)} rec/s, ratio ${row.ratio.toFixed(2)}`,
    );
    results.push(row);
  }
  return results;
}
