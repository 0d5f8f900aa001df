/** Writes the nightly social-services export: streamed, and renamed into place only when complete. */
import { randomUUID } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { isoWithOffset, type OmsorgArende, ZONE } from '../case-data/index.js';
import { escapeXmlAttr } from '../xml-escape.js';
import { renderArendeXml } from './arende-xml.js';

export type OmsorgExportOptions = {
  /** Kommunkod in the root element. Default `2480` (Umeå). */
  kommun?: string;
  /** When the export was made. Default: now. */
  skapad?: Date;
  /** File name in `dir`. Default `omsorg-export-<yyyyMMdd-HHmmss>.xml` from `skapad`, Swedish time. */
  fileName?: string;
};

export type OmsorgExportResult = { path: string; count: number; bytes: number };

/** Bytes gathered before one write: large writes keep a million-record export fast without holding it all. */
const CHUNK_BYTES = 1 << 20;

/**
 * Writes `<Export skapad=".." kommun=".."><Arende …/>…</Export>` to `dir`. Records are pulled one at a
 * time from any iterable (a generator of a million records is fine). The hub watches the folder, so the
 * file is written under a hidden temporary name (`.<name>.<random>.partial`), flushed to disk, and then
 * renamed: a watcher sees the finished file or nothing.
 */
export async function writeOmsorgExport(
  dir: string,
  records: Iterable<OmsorgArende> | AsyncIterable<OmsorgArende>,
  options: OmsorgExportOptions = {},
): Promise<OmsorgExportResult> {
  const skapad = options.skapad ?? new Date();
  const fileName =
    options.fileName ??
    `omsorg-export-${DateTime.fromJSDate(skapad, { zone: ZONE }).toFormat('yyyyMMdd-HHmmss')}.xml`;
  const path = join(dir, fileName);
  const temporary = join(dir, `.${fileName}.${randomUUID().slice(0, 8)}.partial`);
  const file = await open(temporary, 'wx');
  let bytes = 0;
  let count = 0;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingBytes = 0;
    await file.write(chunk);
    bytes += chunk.length;
  };
  const add = async (text: string) => {
    pending.push(text);
    pendingBytes += text.length;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  };
  try {
    await add('<?xml version="1.0" encoding="UTF-8"?>\n');
    await add(
      `<Export skapad="${escapeXmlAttr(isoWithOffset(skapad))}" kommun="${escapeXmlAttr(options.kommun ?? '2480')}">\n`,
    );
    for await (const record of records) {
      await add(`${renderArendeXml(record)}\n`);
      count++;
    }
    await add('</Export>\n');
    await flush();
    await file.sync();
    await file.close();
    await rename(temporary, path);
  } catch (error) {
    await file.close().catch(() => {});
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return { path, count, bytes };
}
