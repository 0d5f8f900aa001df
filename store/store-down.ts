/** Whether an error means the database is away (refused, dropped, shutting down), not that a query was wrong. */
export function isStoreDown(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P0[1-3]|53300|08\d{3})$/.test(code))
    return true;
  // pg's pool says so in words when no connection frees up in time, or the server went away.
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated|is not currently accepting connections/.test(
      message,
    )
  );
}
