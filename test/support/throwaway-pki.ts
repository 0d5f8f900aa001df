/** A throwaway CA, a server certificate for 127.0.0.1 and a client certificate (PEM and PFX), made with the openssl CLI. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ThrowawayPki = {
  dir: string;
  /** Paths of PEM files, and of the client's PFX (passphrase `pfxPassphrase`). */
  files: {
    ca: string;
    serverCert: string;
    serverKey: string;
    clientCert: string;
    clientKey: string;
    clientPfx: string;
  };
  pfxPassphrase: string;
  /** A second CA that signed nothing here: trusting it must not make the server trusted. */
  otherCa: string;
  read(file: string): Buffer;
  remove(): void;
};

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Valid for one day; everything lives in a fresh temp folder that `remove()` deletes. */
export function makeThrowawayPki(): ThrowawayPki {
  const dir = mkdtempSync(join(tmpdir(), 'arendenav-pki-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ca = (name: string) =>
    openssl(
      'req',
      '-x509',
      ...EC,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
    );
  ca('test-ca');
  ca('other-ca');
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(at(`${name}.ext`), extensions);
    openssl('req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'test-ca.pem',
      '-CAkey',
      'test-ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    );
  };
  issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('client', '/CN=arendenav-test', 'extendedKeyUsage=clientAuth\n');
  const pfxPassphrase = 'throwaway-pfx-pass';
  openssl(
    'pkcs12',
    '-export',
    '-in',
    'client.pem',
    '-inkey',
    'client.key',
    '-out',
    'client.pfx',
    '-passout',
    `pass:${pfxPassphrase}`,
  );
  return {
    dir,
    files: {
      ca: at('test-ca.pem'),
      serverCert: at('server.pem'),
      serverKey: at('server.key'),
      clientCert: at('client.pem'),
      clientKey: at('client.key'),
      clientPfx: at('client.pfx'),
    },
    pfxPassphrase,
    otherCa: at('other-ca.pem'),
    read: (file) => readFileSync(file),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
