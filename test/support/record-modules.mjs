// Preloaded with `node --import`: records every module the process loads (static and dynamic
// imports alike) and writes their URLs, one per line, to $ARENDENAV_MODULE_LOG when it exits.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => {
  if (process.env.ARENDENAV_MODULE_LOG)
    writeFileSync(process.env.ARENDENAV_MODULE_LOG, [...loaded].join('\n'));
});
