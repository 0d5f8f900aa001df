/**
 * A throwaway RSA key and self-signed certificate for XML signatures (Mina meddelanden signs with
 * RSA-SHA256), made with the openssl CLI; the organisation number goes into the subject's
 * serialNumber as in organisation certificates. Valid for one day; nothing stays on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SigningCert = { privateKeyPem: string; certificatePem: string };

export function makeSigningCert(organisation: string, serialNumber: string): SigningCert {
  const dir = mkdtempSync(join(tmpdir(), 'arendenav-sign-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '1',
        '-subj',
        `/C=SE/O=${organisation}/CN=${organisation}/serialNumber=${serialNumber}`,
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    return {
      privateKeyPem: readFileSync(join(dir, 'key.pem'), 'utf8'),
      certificatePem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
