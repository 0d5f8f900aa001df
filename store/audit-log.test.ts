/** The audit log's staff-read query and the reader's organisation (migration 010), on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, freshDatabase } from '../test/support/databases.js';
import { type AuditLog, createAuditLog } from './audit-log.js';
import type { Db } from './db.js';

const CASE = '0b7f3c1e-6a7d-5b1f-9e3c-2a1d4f5e6b7c';
const OTHER = '1b7f3c1e-6a7d-5b1f-9e3c-2a1d4f5e6b7c';
const base = { shown: ['status'], masked: [], requestId: 'r' };

describe.each(backends(import.meta.url))('audit log on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let audit: AuditLog;
  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    audit = createAuditLog(db);
    await audit.write({
      ...base,
      subject: 's1',
      role: 'officer',
      action: 'case.read',
      caseId: CASE,
      municipality: '2480',
      office: 'BN',
    });
    await audit.write({ ...base, subject: 'citizen:x', role: 'citizen', action: 'me.read', caseId: CASE });
    await audit.write({
      ...base,
      subject: 's2',
      role: 'infocenter',
      action: 'case.denied',
      caseId: CASE,
      municipality: '2403',
    });
    await audit.write({
      ...base,
      subject: 's3',
      role: 'infocenter',
      action: 'case.read',
      caseId: OTHER,
      municipality: '2403',
      office: 'KC',
    });
    await audit.write({
      ...base,
      subject: 's4',
      role: 'infocenter',
      action: 'case.read',
      caseId: CASE,
      municipality: '2403',
      office: 'KC',
    });
  });
  afterAll(async () => drop());

  it('keeps the reader’s municipality and office, and returns them to admins', async () => {
    const [newest] = await audit.find({ caseId: CASE, limit: 1 });
    expect(newest).toMatchObject({ subject: 's4', municipality: '2403', office: 'KC' });
    const [citizen] = await audit.find({ subject: 'citizen:x' });
    expect(citizen).toMatchObject({ municipality: null, office: null });
  });

  it('lists one case’s staff reads of the roles asked for, newest first, and nothing else', async () => {
    const reads = await audit.staffReads({ caseId: CASE, roles: ['infocenter', 'officer'], limit: 10 });
    expect(reads.map((r) => [r.subject, r.role, r.municipality, r.office])).toEqual([
      ['s4', 'infocenter', '2403', 'KC'],
      ['s1', 'officer', '2480', 'BN'],
    ]);
    expect(await audit.staffReads({ caseId: CASE, roles: ['officer'], limit: 10 })).toHaveLength(1);
    expect(await audit.staffReads({ caseId: CASE, roles: ['infocenter', 'officer'], limit: 1 })).toHaveLength(
      1,
    );
  });
});
