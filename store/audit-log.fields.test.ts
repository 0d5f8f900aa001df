/**
 * What an audit entry keeps and what the audit queries return, field by field: the contact an entry
 * is about, the time window and the number of entries asked for, the purpose as typed (cut to its
 * limit, personnummer scrubbed), the shown fields without the view's metadata, and a write that
 * fails as a retryable "not shown" (found by mutation testing the audit path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import type { Principal } from '../app/principal.js';
import { recordRead, shownFields } from '../cases/audit-entry.js';
import { backends, freshDatabase } from '../test/support/databases.js';
import { type AuditLog, createAuditLog } from './audit-log.js';
import type { Db } from './db.js';

const CASE = '0b7f3c1e-6a7d-5b1f-9e3c-2a1d4f5e6b7c';
const CONTACT = '2c8f3c1e-6a7d-4b1f-9e3c-2a1d4f5e6b7c';
const REF = `pr1_${'D'.repeat(43)}`;
const kim: Principal = {
  kind: 'staff',
  subject: 'kc-kim',
  role: 'infocenter',
  municipality: '2480',
  office: 'KC',
};

describe.each(backends(import.meta.url))('audit entries field by field on %s', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let audit: AuditLog;
  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(backend));
    audit = createAuditLog(db);
  });
  afterAll(async () => drop());

  it('keeps the contact an entry is about, and returns it', async () => {
    await recordRead(
      audit,
      { principal: kim, requestId: 'r-contact' },
      {
        action: 'contact.read',
        contactId: CONTACT,
        shown: ['question'],
        masked: [],
      },
    );
    const [entry] = await audit.find({ subject: 'kc-kim', limit: 1 });
    expect(entry).toMatchObject({ action: 'contact.read', contactId: CONTACT, caseId: null });
    const stored = await db.query<{ contact_id: string }>(
      "SELECT contact_id::text FROM audit_log WHERE request_id = 'r-contact'",
    );
    expect(stored.rows).toEqual([{ contact_id: CONTACT }]);
  });

  it('returns only the entries in the time window, and no more than asked', async () => {
    for (const requestId of ['w1', 'w2', 'w3'])
      await audit.write({
        subject: 'window',
        role: 'officer',
        action: 'case.read',
        caseId: CASE,
        shown: [],
        masked: [],
        requestId,
      });
    await db
      .query("UPDATE audit_log SET at = '2026-01-10T12:00:00Z' WHERE request_id = 'w1'")
      .catch(() => {});
    const all = await audit.find({ subject: 'window' });
    expect(all).toHaveLength(3);
    expect(await audit.find({ subject: 'window', limit: 2 })).toHaveLength(2);
    const newest = all[0]?.at as string;
    expect(await audit.find({ subject: 'window', from: newest })).toEqual(all.filter((e) => e.at >= newest));
    expect(await audit.find({ subject: 'window', to: '2000-01-01T00:00:00Z' })).toEqual([]);
    expect(await audit.find({ subject: 'window', from: '2999-01-01T00:00:00Z' })).toEqual([]);
    expect(await audit.findForPerson({ personRefs: [REF], caseIds: [CASE], limit: 1 })).toHaveLength(1);
  });

  it('keeps the purpose as typed up to 200 characters, with any personnummer scrubbed', async () => {
    const purpose = `Ringde om bygglovet för 19900321-2389 ${'x'.repeat(300)}`;
    await recordRead(
      audit,
      { principal: kim, requestId: 'r-purpose', purpose },
      {
        action: 'case.read',
        caseId: CASE,
        shown: [],
        masked: [],
      },
    );
    const { rows } = await db.query<{ purpose: string }>(
      "SELECT purpose FROM audit_log WHERE request_id = 'r-purpose'",
    );
    expect(rows[0]?.purpose).not.toContain('19900321');
    expect(rows[0]?.purpose.startsWith('Ringde om bygglovet för ')).toBe(true);
    expect(rows[0]?.purpose.length).toBeLessThanOrEqual(200);
    expect(rows[0]?.purpose.length).toBeGreaterThan(150);
    // A personnummer across the cut is scrubbed whole, not left half in clear.
    await recordRead(
      audit,
      { principal: kim, requestId: 'r-cut', purpose: `${'y'.repeat(190)} 19900321-2389` },
      {
        action: 'case.read',
        caseId: CASE,
        shown: [],
        masked: [],
      },
    );
    const cut = await db.query<{ purpose: string }>(
      "SELECT purpose FROM audit_log WHERE request_id = 'r-cut'",
    );
    expect(cut.rows[0]?.purpose).not.toMatch(/199003|900321/);
  });

  it('answers a write that fails as a retryable "not shown", never the database’s message', async () => {
    const broken = {
      ...audit,
      write: async () => Promise.reject(new Error('relation "audit_log" does not exist')),
    };
    const failure = await recordRead(
      broken,
      { principal: kim, requestId: 'r-x' },
      {
        action: 'case.read',
        caseId: CASE,
        shown: [],
        masked: [],
      },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'store_unavailable', retryable: true });
    expect((failure as Error).message).not.toContain('audit_log');
  });
});

describe('the fields an audit entry says were shown', () => {
  it('lists what the view showed, without the metadata every view carries', () => {
    expect(
      shownFields({
        id: 'x',
        reference: 'BN 1',
        source: {},
        municipality: {},
        domain: 'd',
        status: {},
        parties: [],
      }),
    ).toEqual(['status', 'parties']);
  });
});
