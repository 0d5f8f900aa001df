# Production image: compiled JavaScript on Node 24, run as a non-root user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The lockfile pins versions; see scripts/ensure-deps.sh for why this is not `npm ci`.
RUN npm install --no-audit --no-fund
# Sources only (.dockerignore keeps node_modules, data and tool folders out).
COPY . .
# The image runs `serve` only: the demo, its simulators and the benchmarks stay out.
RUN npm run build && npm prune --omit=dev && rm -rf dist/demo dist/simulators dist/bench

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000
# V8 sizes its heap for the machine: on a large host a 64 MB semi-space (128 MB of young generation)
# and an old generation allowed to grow to four times what is live. Ingesting a 1,000,000-case export
# (about 40 MB live) then peaked at 360-420 MB RSS; with these, under 300 MB at the same speed
# (the bench runs its hub processes with the same options: bench/hub-node-options.ts, kept alike by its test).
ENV NODE_OPTIONS="--max-semi-space-size=16 --max-old-space-size=1024"
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/mappings ./mappings
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/cli/main.js", "serve"]
