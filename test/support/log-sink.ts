/**
 * Everything the hub logs during the test run, and every /metrics text, goes to .tmp/test-output/
 * so that scripts/scan-test-output.mjs can check after the whole suite that no personnummer and no
 * party name ever reached a log line or a metric.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { Writable } from 'node:stream';

const DIR = new URL('../../.tmp/test-output/', import.meta.url).pathname;
mkdirSync(DIR, { recursive: true });
const file = (kind: 'logs' | 'metrics') => `${DIR}${kind}-${process.pid}.txt`;

/** A pino destination that keeps lines in `lines` and appends them to this worker's log file. */
export function capturingDestination(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      const text = String(chunk);
      lines.push(...text.split('\n').filter(Boolean));
      appendFileSync(file('logs'), text);
      done();
    },
  });
}

export function recordMetrics(text: string): void {
  appendFileSync(file('metrics'), `${text}\n`);
}
