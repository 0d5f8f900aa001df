/** `arendenav sealed-file open <file>`: an operator looks at an export file the hub keeps sealed. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createFileSealer } from '../person/sealed-file.js';
import { toolEnv } from './tool-env.js';

type Out = { out: (s: string | Buffer) => void | Promise<void>; err: (s: string) => void };

const USAGE = `Usage: arendenav sealed-file open <file.sealed> [--in-production]
  Writes the clear content of a kept export file (processed/ or failed/ of an xml-file source) to
  stdout. It holds personnummer and names: look, do not copy. Uses PERSON_REF_KEY (and
  PERSON_REF_KEY_PREVIOUS), else the demo key in ARENDENAV_DATA_DIR. Where PERSON_REF_KEY is set
  (production) it refuses unless --in-production says the operator means it.
`;

export async function sealedFileCommand(args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'in-production': { type: 'boolean' } },
    allowPositionals: true,
  });
  const [action, file] = positionals;
  if (action !== 'open' || !file || positionals.length !== 2) {
    io.err(USAGE);
    return 2;
  }
  // It opens files, not the database: case ids are none of its business.
  const env = toolEnv('sealed-file', io, ['PERSON_REF_KEY']);
  if (!env) return 2;
  if (env.PERSON_REF_KEY && !values['in-production']) {
    io.err(
      'arendenav sealed-file: PERSON_REF_KEY is set (production): opening a kept file shows personal data; add --in-production if that is what you mean\n',
    );
    return 2;
  }
  const demoKey = join(resolve(env.ARENDENAV_DATA_DIR), 'person-ref-key');
  const key = env.PERSON_REF_KEY ?? (existsSync(demoKey) ? readFileSync(demoKey, 'utf8').trim() : undefined);
  if (!key) {
    io.err(
      'arendenav sealed-file: no key: set PERSON_REF_KEY (or ARENDENAV_DATA_DIR of the demo that sealed it)\n',
    );
    return 2;
  }
  try {
    for await (const chunk of createFileSealer(key, 'export file', env.PERSON_REF_KEY_PREVIOUS).open(file)) {
      await io.out(chunk);
    }
    return 0;
  } catch (error) {
    // The message of a sealed-file error names no content; an fs error is reduced to its code.
    const { code, message } = error as { code?: string; message?: string };
    io.err(`arendenav sealed-file: ${code ?? message ?? 'cannot open the file'}\n`);
    return 1;
  }
}
