/**
 * On the real process (`arendenav sync --once` from dist/, embedded store): an export whose record
 * nests deeper than the parser allows used to fail every run as an internal error, open the circuit
 * and block the files behind it. Now it is refused as bad data and the next file is read in the same run.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { renderArendeXml } from '../../simulators/omsorg/arende-xml.js';
import { writeOmsorgExport } from '../../simulators/omsorg/export-file.js';
import { cliWorkspace } from '../support/cli-workspace.js';

it('refuses a too deeply nested export with its reason and reads the next file in the same run', {
  timeout: 90_000,
}, async () => {
  const ws = await cliWorkspace('cli-bad');
  const inbox = ws.inbox;
  try {
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
    const { stdout } = await ws.syncOnce();
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
    ws.remove();
  }
});
