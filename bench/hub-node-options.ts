/**
 * The V8 heap options the hub's image runs with (the Dockerfile's NODE_OPTIONS). The bench runs its
 * hub processes (the API server, an ingest) with them, so what it reports is the hub as deployed, not
 * V8's defaults for whatever machine runs the bench. A test keeps the two alike.
 */
export const HUB_NODE_OPTIONS = ['--max-semi-space-size=16', '--max-old-space-size=1024'] as const;
