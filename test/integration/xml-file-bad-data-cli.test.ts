/**
 * On the real process (`arendenav sync --once` from dist/, embedded store): an export whose record
 * nests deeper than the parser allows used to fail every run as an internal error, open the circuit
 * and block the files behind it. Now it is refused as bad data and the next file is read in the same run.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { renderArendeXml } from '../../simulators/omsorg/arende-xml.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import { builtDist } from '../support/built-dist.js';
import { runLogged as run } from '../support/child-process.js';

const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));

it('refuses a too deeply nested export with its reason and reads the next file in the same run', {
  timeout: 90_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'arendenav-cli-bad-'));
  try {
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    const [deep, ...good] = createOmsorgData({ cases: 6, seed: 171 }).list();
    if (!deep) throw new Error('no record');
    const nested = renderArendeXml(deep).replace(
      '</Arende>',
      `${'<Djup>'.repeat(200)}${'</Djup>'.repeat(200)}</Arende>`,
    );
    writeFileSync(
      join(inbox, 'omsorg-export-20260501.xml'),
      `<?xml version="1.0"?>\n<Export>\n${nested}\n</Export>\n`,
    );
    await writeOmsorgExport(inbox, good, { fileName: 'omsorg-export-20260502.xml' });
    writeFileSync(
      join(dir, 'sources.yaml'),
      'sources:\n  - { id: umea-omsorg-export, municipality: "2480", kind: xml-file, mapping: omsorg-xml/socialtjanst, config: { inboxDir: inbox } }\n',
    );
    const env = {
      PATH: process.env.PATH,
      ARENDENAV_CONFIG: join(dir, 'sources.yaml'),
      ARENDENAV_DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'warn',
    };
    const { stdout } = await run(
      process.execPath,
      [CLI, 'sync', '--source', 'umea-omsorg-export', '--once'],
      {
        env,
        timeout: 80_000,
      },
    );
    // The hub logs JSON lines to stdout; the outcome is the last line, the refusal a warning before it.
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.msg === 'unit refused')).toMatchObject({
      unit: 'omsorg-export-20260501.xml',
      reason: 'bad_data: record 1 (line 3): nesting deeper than 100',
    });
    expect(lines.at(-1)).toMatchObject({
      outcome: 'ok',
      stored: good.length,
      units: 1,
      failedUnits: 1,
    });
    expect(readdirSync(inbox).filter((f) => f.endsWith('.xml'))).toEqual([]);
    const [report] = readdirSync(join(inbox, 'failed')).filter((f) => f.endsWith('.error.json'));
    const refused = JSON.parse(readFileSync(join(inbox, 'failed', report as string), 'utf8'));
    expect(refused).toMatchObject({
      file: 'omsorg-export-20260501.xml',
      reason: 'bad_data: record 1 (line 3): nesting deeper than 100',
      stored: 0,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
