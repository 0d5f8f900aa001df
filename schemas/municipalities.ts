/** SCB municipality codes (kommunkod) the hub ships names for; a deployment may serve any of Sweden's 290. */
export const MUNICIPALITIES: Readonly<Record<string, string>> = {
  '0181': 'Södertälje',
  '2284': 'Örnsköldsvik',
  '2401': 'Nordmaling',
  '2403': 'Bjurholm',
  '2404': 'Vindeln',
  '2409': 'Robertsfors',
  '2460': 'Vännäs',
  '2480': 'Umeå',
};

export const MUNICIPALITY_NAMES: readonly string[] = Object.values(MUNICIPALITIES);
