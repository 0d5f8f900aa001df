/** Messages between the bench and its server child, in a module of their own so importing them starts nothing. */

/** The child is listening on `port`; `token` is an infocenter bearer token its verifier accepts. */
export type ServerReady = { type: 'ready'; port: number; token: string };
/** The child has closed its server and pool; `maxRssKb` is its peak resident memory. */
export type ServerStopped = { type: 'stopped'; maxRssKb: number };

/** Request lines are logged at 'info'; at 'warn' the server under test writes none. */
export const SERVER_LOG_LEVEL = 'warn';
