/** The demo's Mina ärenden producers: its four municipalities, answering to one well-known demo key. */
import { apiKeyHash, type Producers, producersFrom } from '../minaarenden/producers.js';

/** Printed in the demo's guide; demo mode only (startHub refuses built-in keys in production). */
export const DEMO_MINA_ARENDEN_KEY = 'demo-mina-arenden-nyckel-inte-hemlig';

/** @example startHub(env, 'demo', { minaArenden: demoProducers() }) */
export function demoProducers(): Producers {
  const apiKeys = [{ sha256: apiKeyHash(DEMO_MINA_ARENDEN_KEY), label: 'demo' }];
  return producersFrom(
    {
      version: '1.0.0',
      producers: [
        { municipality: '2480', prefix: 'UMEA', name: 'Umeå kommun', apiKeys },
        { municipality: '2460', prefix: 'VANNAS', name: 'Vännäs kommun', apiKeys },
        { municipality: '2403', prefix: 'BJURHOLM', name: 'Bjurholms kommun', apiKeys },
        { municipality: '2401', prefix: 'NORDMALING', name: 'Nordmalings kommun', apiKeys },
      ],
    },
    'demo producers',
  );
}
