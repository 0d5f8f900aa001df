import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUB_NODE_OPTIONS } from './hub-node-options.js';

describe('the bench runs the hub as the image does', () => {
  it('uses exactly the NODE_OPTIONS of the Dockerfile', () => {
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    const options = /^ENV NODE_OPTIONS="([^"]*)"/m.exec(dockerfile)?.[1];
    expect(options?.split(/\s+/)).toEqual([...HUB_NODE_OPTIONS]);
  });
});
