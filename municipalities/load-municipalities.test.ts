/** The municipalities file: the shipped one is complete, and a bad one stops start-up with a reason. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMunicipalities, MunicipalitiesError } from './load-municipalities.js';

function fileWith(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'municipalities-')), 'municipalities.yaml');
  writeFileSync(file, text);
  return file;
}

const ONE = `version: 1.0.0
municipalities:
  - code: "2480"
    name: Umeå
    contact: { phone: "070-174 06 10" }
    openingHours: [{ sv: Vardagar, en: Weekdays, ar: أيام العمل }]
`;

describe('the shipped municipalities', () => {
  it('are Umeå, Vännäs, Bjurholm and Nordmaling, each with contact channels and opening hours in sv, en and ar', () => {
    const municipalities = loadMunicipalities();
    expect([...municipalities.keys()]).toEqual(['2480', '2460', '2403', '2401']);
    for (const m of municipalities.values()) {
      expect(m.contact.phone && m.contact.email && m.contact.url, m.name).toBeTruthy();
      // Example data only: nothing that could reach a real office.
      expect(m.contact.email).toMatch(/\.example$/);
      expect(m.contact.phone).toMatch(/^070-174 06 \d\d$/);
      expect(m.openingHours.length).toBeGreaterThan(0);
    }
    expect(municipalities.get('2460')?.name).toBe('Vännäs');
  });
});

describe('a bad municipalities file', () => {
  it('loads a minimal good one', () => {
    expect(loadMunicipalities(fileWith(ONE)).get('2480')?.contact).toEqual({ phone: '070-174 06 10' });
  });

  it.each([
    ['a missing language', ONE.replace(', ar: أيام العمل', ''), 'openingHours.0.ar'],
    ['a misspelt channel', ONE.replace('phone:', 'telefon:'), 'contact'],
    ['no channel at all', ONE.replace('{ phone: "070-174 06 10" }', '{}'), 'at least one of phone'],
    ['a javascript: link', ONE.replace('phone: "070-174 06 10"', 'url: "javascript:alert(1)"'), 'url'],
    ['a five-digit code', ONE.replace('"2480"', '"24800"'), 'kommunkod'],
    ['the same code twice', `${ONE}${ONE.split('municipalities:\n')[1]}`, '2480 twice'],
    ['YAML that does not parse', `${ONE}  - : :\n\t`, 'municipalities.yaml'],
  ])('is refused with the file and the problem: %s', (_what, text, problem) => {
    const file = fileWith(text);
    expect(() => loadMunicipalities(file)).toThrow(MunicipalitiesError);
    expect(() => loadMunicipalities(file)).toThrow(problem);
  });
});
