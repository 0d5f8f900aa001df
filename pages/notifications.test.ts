/** "Aviseringar" on Mina ärenden over HTTP: choosing, errors beside their fields, CSRF, sealing, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationBoxes } from '../app/hub-notifications.js';
import { choicesOf } from '../store/notification-choices.js';
import { TEST_PERSON_REF_KEY, testApp } from '../test/support/app.js';
import { PNR_MAJA, PNR_PROTECTED } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
const PATH = '/mina-arenden/aviseringar';
const boxes = notificationBoxes(TEST_PERSON_REF_KEY);

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.drop());

const signedIn = async (persona = 'medborgare') => {
  const browser = pageClient(t.app);
  await browser.signIn(persona);
  return browser;
};
const choiceOf = async (pnr: string) => (await choicesOf(t.db, [t.personRefs.fromInput(pnr) as string]))[0];

describe('Aviseringar', () => {
  it('asks a visitor to sign in first, and is linked from the citizen’s case list', async () => {
    const { res } = await pageClient(t.app).get(`${PATH}?lang=en`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logga-in?next=%2Fmina-arenden%2Faviseringar&lang=en&behov=1');
    const browser = await signedIn();
    const { html } = await browser.get('/mina-arenden?lang=en');
    expect(html).toContain(`href="${PATH}?lang=en"`);
    expect(html).toContain('Notifications: choose how to be told');
  });

  it('saves e-mail and a language, sealed, says so, and shows the choice again', async () => {
    const browser = await signedIn();
    const first = await browser.get(PATH);
    expect(first.res.status).toBe(200);
    expect(first.html).toContain('Du har inte valt aviseringar ännu.');
    expect(first.html).toContain('mellan 20:00 och 08:00');
    const { res } = await browser.post(`${PATH}?lang=sv`, {
      channel: 'email',
      email: ' maja@example.se ',
      language: 'ar',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PATH}?lang=sv&klart=1`);
    const again = await browser.get(`${PATH}?lang=sv&klart=1`);
    expect(again.html).toContain('Dina val är sparade.');
    expect(again.html).toMatch(/id="notify-channel-email" name="channel" value="email" checked/);
    expect(again.html).toContain('value="maja@example.se"');
    expect(again.html).toMatch(/<option value="ar" selected="" lang="ar">/);

    const stored = await choiceOf(PNR_MAJA);
    expect(stored).toMatchObject({ channel: 'email', language: 'ar', mailboxSealed: null });
    // Sealed: not in clear in the row, and opened only with the e-mail box's key.
    expect(stored?.emailSealed?.toString('latin1')).not.toContain('maja@');
    expect(boxes.emailBox.open(stored?.emailSealed as Buffer)).toBe('maja@example.se');
    expect(() => boxes.mailboxBox.open(stored?.emailSealed as Buffer)).toThrow();

    const [saved] = await t.audit.find({ subject: `citizen:${t.personRefs.fromInput(PNR_MAJA)}`, limit: 1 });
    expect(saved).toMatchObject({ action: 'notifications.read', shown: ['channel', 'language', 'email'] });
    const writes = await t.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_log WHERE action = 'notifications.save'`,
    );
    expect(Number(writes.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('puts a missing or malformed address beside its field and saves nothing', async () => {
    const browser = await signedIn('skyddad');
    await browser.get(`${PATH}?lang=en`);
    const missing = await browser.post(`${PATH}?lang=en`, { channel: 'email', email: '', language: 'en' });
    expect(missing.res.status).toBe(400);
    expect(missing.html).toContain(
      '<a href="#notify-email">Enter the e-mail address the notifications should go to.</a>',
    );
    expect(missing.html).toMatch(/id="notify-email-error" class="error-message">/);
    expect(missing.html).toContain('aria-describedby="notify-email-hint notify-email-error"');
    expect(missing.html).toContain('aria-invalid="true"');
    const bad = await browser.post(`${PATH}?lang=en`, {
      channel: 'email',
      email: 'maja(at)example',
      language: 'en',
    });
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain('Enter the e-mail address as name@example.com.');
    expect(bad.html).toContain('value="maja(at)example"');
    const none = await browser.post(`${PATH}?lang=en`, { language: 'en' });
    expect(none.html).toContain('Choose how you want to be notified.');
    expect(await choiceOf(PNR_PROTECTED)).toBeUndefined();
  });

  it('addresses digital mail by the personnummer of the sign-in, sealed, and keeps no e-mail address', async () => {
    const browser = await signedIn('skyddad');
    await browser.get(PATH);
    await browser.post(PATH, { channel: 'digital_mail', email: 'ignored@example.se', language: 'sv' });
    const stored = await choiceOf(PNR_PROTECTED);
    expect(stored).toMatchObject({ channel: 'digital_mail', emailSealed: null });
    expect(stored?.mailboxSealed?.toString('latin1')).not.toContain('2395');
    expect(boxes.mailboxBox.open(stored?.mailboxSealed as Buffer)).toBe('199006042395');
    // "None" leaves nothing but the choice.
    await browser.get(PATH);
    await browser.post(PATH, { channel: 'none', language: 'sv' });
    expect(await choiceOf(PNR_PROTECTED)).toMatchObject({
      channel: 'none',
      emailSealed: null,
      mailboxSealed: null,
    });
  });

  it('refuses a form without its CSRF token, and staff', async () => {
    const browser = await signedIn();
    await browser.get(PATH);
    const forged = await browser.post(PATH, { _csrf: 'x', channel: 'none', language: 'sv' });
    expect(forged.res.status).toBe(403);
    const staff = await signedIn('infocenter');
    expect((await staff.get(PATH)).res.status).toBe(403);
  });
});
