/** Deterministic case ids: the same source record always gets the same id, so re-syncs upsert. */
import { v5 as uuidv5 } from 'uuid';

/** A UUID anywhere in a text (case and request ids); `isUuid` for a whole value. */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const WHOLE_UUID = new RegExp(`^${UUID_PATTERN}$`, 'i');

export function isUuid(text: string): boolean {
  return WHOLE_UUID.test(text);
}

/** Fixed UUIDv5 namespace of Ärendenav case ids; changing it would re-key every stored case. */
export const CASE_ID_NAMESPACE = 'f3b9c0de-5a1e-4c6e-9a57-2d7f0e8a4b61';

/**
 * The case id for a source record.
 *
 * @example
 * caseId({ municipalityCode: '2480', sourceSystem: 'byggr', sourceId: 'BN-2026-123' });
 */
export function caseId(key: { municipalityCode: string; sourceSystem: string; sourceId: string }): string {
  return uuidv5(`${key.municipalityCode}/${key.sourceSystem}/${key.sourceId}`, CASE_ID_NAMESPACE);
}
