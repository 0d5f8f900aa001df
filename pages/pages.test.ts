import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load-policy.js';
import { toCaseView } from '../policy/serialize.js';
import type { StoredCase } from '../store/case-store.js';
import { NOW, testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { CasePage } from './case-page.js';
import { type Language, tn } from './i18n.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.drop());

describe('start page', () => {
  it('is Swedish by default, with landmarks, a skip link and a language switch', async () => {
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html><html lang="sv" dir="ltr">')).toBe(true);
    expect(html).toContain('<title>Ärendenav</title>');
    expect(html).toContain('<a class="skip-link" href="#main">Hoppa till innehållet</a>');
    expect(html).toMatch(/<main id="main" tabindex="-1">/);
    expect(html).toContain('href="/mina-arenden?lang=sv"');
    expect(html).toContain('<a href="/?lang=ar" lang="ar" hreflang="ar">العربية</a>');
    expect(html).not.toMatch(/<script|style=/);
  });

  it.each([
    ['en', 'ltr', 'Where is my case?'],
    ['ar', 'rtl', 'أين قضيتي؟'],
  ])('renders %s with dir=%s', async (lang, dir, text) => {
    const html = await (await t.app.request(`/?lang=${lang}`)).text();
    expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
    expect(html).toContain(text);
    expect(html).toContain(`aria-current="true"`);
  });

  it('falls back to Swedish for an unknown language and serves its one stylesheet under a strict CSP', async () => {
    expect(await (await t.app.request('/?lang=xx')).text()).toContain('<html lang="sv" dir="ltr">');
    const page = await t.app.request('/');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
    const css = await t.app.request('/assets/app.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('.skip-link');
  });
});

describe('numbers in words', () => {
  it.each([
    ['sv', 1, '1 ärende'],
    ['sv', 25, '25 ärenden'],
    ['en', 1, '1 case'],
    ['ar', 1, 'قضية واحدة'],
    ['ar', 2, 'قضيتان'],
    ['ar', 3, '3 قضايا'],
    ['ar', 11, '11 قضية'],
  ] as const)('%s: %d case(s) → %s', (lang, n, text) => {
    expect(tn('cases', lang, n)).toBe(text);
  });

  it('says a delay in days, then in whole weeks', () => {
    expect(tn('overdueDays', 'sv', 1)).toBe('Försenat: 1 dag över tiden');
    expect(tn('overdueWeeks', 'en', 3)).toBe('Overdue: 3 weeks past the limit');
    expect(tn('overdueDays', 'ar', 2)).toBe('متأخر: يومان بعد المهلة');
  });
});

describe('the case page with little to show', () => {
  const staff = { kind: 'staff', subject: 's', role: 'infocenter' } as const;
  const render = (stored: StoredCase, lang: Language = 'sv') =>
    String(
      CasePage({
        view: toCaseView(stored, {
          principal: staff,
          policy: loadPolicy(),
          now: NOW,
          staleAfterSeconds: 3600,
        }),
        lang,
        audience: 'staff',
        back: { href: '/staff', label: 'Tillbaka' },
      }),
    );

  it('says there are no events rather than calling a visible status hidden', () => {
    const html = render({ case: makeCase(), history: [] });
    expect(html).toContain('Inga händelser registrerade.');
    expect(html).not.toContain('Dold');
  });

  it('names a hidden field in words, with the reason, and leaves no empty separators', () => {
    const c = makeCase({ fieldClasses: { caseType: 'confidential', decidedAt: 'confidential' } });
    const html = render({ case: { ...c, decidedAt: '2026-05-01T10:00:00.000Z' }, history: [] }, 'en');
    expect(html).toContain('Case type: confidential, your role may not see it');
    expect(html).toContain('Decision date: confidential, your role may not see it');
    expect(html).not.toMatch(/·\s*·/);
  });
});
