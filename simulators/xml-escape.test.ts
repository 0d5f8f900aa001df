import { describe, expect, it } from 'vitest';
import { escapeXmlAttr, escapeXmlText } from './xml-escape.js';

describe('XML escaping', () => {
  it('escapes markup in text and quotes and line breaks in attributes', () => {
    expect(escapeXmlText('a & <b> "c"')).toBe('a &amp; &lt;b&gt; "c"');
    expect(escapeXmlAttr(`"x" & 'y'\n`)).toBe('&quot;x&quot; &amp; &apos;y&apos;&#10;');
  });

  it('drops characters XML cannot carry and mends lone surrogates', () => {
    expect(escapeXmlText('a\u0000b\u0007c\td')).toBe('abc\td');
    expect(escapeXmlText('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeXmlText('Åsa 😀')).toBe('Åsa 😀');
  });
});
