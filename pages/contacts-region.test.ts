import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, regionExamplePolicyFile } from '../policy/load-policy.js';
import { testApp } from '../test/support/app.js';
import { pageClient } from '../test/support/page-client.js';

// A regional center that answers for four municipalities: the example agreement extended to contacts.
let t: Awaited<ReturnType<typeof testApp>>;
const dir = mkdtempSync(join(tmpdir(), 'arendenav-region-'));
beforeAll(async () => {
  const file = join(dir, 'policy.yaml');
  writeFileSync(
    file,
    readFileSync(regionExamplePolicyFile(), 'utf8').replace(
      'domains: [building_permit, school_placement]',
      'domains: [building_permit, school_placement, contacts]',
    ),
  );
  t = await testApp('pglite', { policy: loadPolicy(file) });
});
afterAll(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the form for an agent who answers for several municipalities', () => {
  it('asks for the municipality and groups the topics by municipality', async () => {
    const robin = pageClient(t.app);
    await robin.signIn('kc-bjurholm');
    const { html } = await robin.get('/staff/fragor/ny');
    expect(html).toMatch(
      /<select id="contact-municipality" name="municipality">\s*<option value="">Välj<\/option>/,
    );
    expect(html).toContain('<optgroup label="Bjurholm">');
    expect(html).toContain('<optgroup label="Nordmaling"><option value="bygglov">Bygglov</option>');
    // Bjurholm's own first.
    expect(html.indexOf('label="Bjurholm"')).toBeLessThan(html.indexOf('label="Nordmaling"'));
  });

  it('refuses a topic of another municipality than the one chosen, and takes the right pair', async () => {
    const robin = pageClient(t.app);
    await robin.signIn('kc-bjurholm');
    await robin.get('/staff/fragor/ny');
    const fields = {
      channel: 'phone',
      language: 'sv',
      question: 'Får jag borra en brunn?',
      outcome: 'callback_promised',
    };
    const wrong = await robin.post('/staff/fragor', { ...fields, municipality: '2480', topic: 'vatten' });
    expect(wrong.res.status).toBe(400);
    expect(wrong.html).toContain('<a href="#contact-topic">Välj ett ämne ur kommunens lista.</a>');
    // The choices are kept: the municipality chosen stays chosen.
    expect(wrong.html).toMatch(/<option value="2480" selected="">Umeå<\/option>/);
    const right = await robin.post('/staff/fragor', { ...fields, municipality: '2401', topic: 'vatten' });
    expect(right.res.status).toBe(303);
    const page = await robin.get(right.res.headers.get('location') as string);
    expect(page.html).toContain('<h1>Fråga: Vatten och avlopp</h1>');
  });
});
