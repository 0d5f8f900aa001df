/** Finds and reads the ArendeExport WSDL, with the simulator's own address written into it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = 'arende-export.wsdl';

/** The WSDL next to this module, or (when running from `dist/`, where tsc copies no .wsdl) in the source tree. */
export function wsdlPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(here, FILE))) return join(here, FILE);
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'simulators', 'byggr-soap', FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find ${FILE} next to the program or in simulators/byggr-soap/`);
}

/** The WSDL text with `soap:address` pointing at `endpoint`, as WCF serves it from `?wsdl`. */
export function readWsdl(endpoint: string): string {
  return readFileSync(wsdlPath(), 'utf8').replace(
    /<soap:address location="[^"]*"\s*\/>/,
    `<soap:address location="${endpoint}"/>`,
  );
}
