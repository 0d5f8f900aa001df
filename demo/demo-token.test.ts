/** `arendenav demo-token`: a persona's token, signed in for another municipality on request. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLAIMS } from '../app/jwt-verifier.js';
import { demoToken } from './start-demo.js';

const dir = mkdtempSync(join(tmpdir(), 'arendenav-demo-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(persona: string, municipality?: string) {
  let out = '';
  let err = '';
  const code = await demoToken(
    { ARENDENAV_DATA_DIR: dir } as never,
    persona,
    {
      out: (s) => {
        out += s;
      },
      err: (s) => {
        err += s;
      },
    },
    municipality,
  );
  return { code, out, err };
}

describe('demo-token', () => {
  it('signs a staff persona in for its own municipality, or the one asked for', async () => {
    const own = await run('admin');
    expect(own.code).toBe(0);
    expect(decodeJwt(own.out.trim())[DEFAULT_CLAIMS.municipality]).toBe('2480');
    const vannas = await run('admin', '2460');
    expect(vannas.code).toBe(0);
    const claims = decodeJwt(vannas.out.trim());
    expect(claims[DEFAULT_CLAIMS.municipality]).toBe('2460');
    expect(claims[DEFAULT_CLAIMS.role]).toBe('admin');
  });

  it('refuses a municipality it does not know, and one for a citizen', async () => {
    const unknown = await run('admin', '9999');
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toContain('--municipality must be one of');
    const citizen = await run('medborgare', '2460');
    expect(citizen).toMatchObject({ code: 2, out: '' });
    expect(citizen.err).toContain('staff personas');
  });
});
