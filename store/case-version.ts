/**
 * Which of two versions of one case is the newer: the one rule both halves of the newer-wins guard
 * keep (the check in `case-upsert.ts`, or DECIDE in `case-copy-sql.ts` for a large batch on
 * PostgreSQL, and the `ON CONFLICT … WHERE` both write with), so the case a hub ends with never
 * depends on the order versions were delivered in.
 *
 * Versions are ordered by, in turn: the source's change time; the source version (absent counts
 * lowest): the source's own version number when its mapping declares one, else, for a source that
 * reads the current state of its cases (PullUnit.readAt), when it was read, in ms, so that a later
 * read is the newer truth; the mapping's version (semver: a corrected mapping wins over the output of
 * the one it replaces); and last the content hash, the greater winning. The hash is arbitrary but the
 * same in every hub and for every delivery order, so two versions that nothing else tells apart
 * always end in the same stored case. Two versions with the same hash have the same content: the
 * second is no change, but the store keeps the greater source version of the two (a later read of
 * unchanged content still outranks an earlier read of other content). Stated in docs/connectors.md.
 */
import { createHash } from 'node:crypto';
import type { CanonicalCase } from '../schemas/case.js';

/** What the rule compares, in order. */
export type VersionKey = {
  /** The source's change time, in milliseconds. */
  ms: number;
  /** The source's own version or sequence number, or null when its mapping declares none. */
  sourceVersion: number | null;
  /** The mapping version as a key that sorts in semver order (`mappingVersionOrder`). */
  mappingOrder: string;
  /** The content hash (`contentHash`). */
  hash: string;
};

/**
 * Content identity of a case, ignoring when it was fetched and its source version: equal hashes mean
 * nothing changed (a later read of the same content is no new version, only a greater number).
 */
export function contentHash(c: CanonicalCase): string {
  const { fetchedAt: _fetched, sourceVersion: _version, ...source } = c.source;
  return createHash('sha256')
    .update(JSON.stringify({ ...c, source }))
    .digest('base64url');
}

const SEMVER = /^(\d{1,10})\.(\d{1,10})\.(\d{1,10})(?:-([0-9A-Za-z.-]+))?$/;

/**
 * A text that sorts (byte order) as the semver it comes from: each number padded to ten digits, a
 * release after its pre-releases (`~` sorts after `-`). Anything else gives '' and sorts lowest.
 * The migration `013_equal_timestamps.sql` defines the same function in SQL (`mapping_version_order`).
 */
export function mappingVersionOrder(version: string): string {
  const m = SEMVER.exec(version);
  if (!m) return '';
  const numbers = [m[1], m[2], m[3]].map((n) => String(n).padStart(10, '0')).join('.');
  return m[4] === undefined ? `${numbers}~` : `${numbers}-${m[4]}`;
}

/** The key of a case as mapped, with its content hash. */
export function versionKey(c: CanonicalCase, hash: string): VersionKey {
  return {
    ms: Date.parse(c.source.sourceUpdatedAt),
    sourceVersion: c.source.sourceVersion ?? null,
    mappingOrder: mappingVersionOrder(c.source.mappingVersion),
    hash,
  };
}

function order<T>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` is older than `b`, positive when newer, 0 for the same version. */
export function compareVersions(a: VersionKey, b: VersionKey): number {
  return (
    order(a.ms, b.ms) ||
    order(a.sourceVersion ?? -1, b.sourceVersion ?? -1) ||
    order(a.mappingOrder, b.mappingOrder) ||
    order(a.hash, b.hash)
  );
}
