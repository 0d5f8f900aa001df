// Tests read JSON bodies whose shape each assertion checks; `any` keeps those assertions readable.
declare global {
  interface Response {
    // biome-ignore lint/suspicious/noExplicitAny: test-only convenience, see above
    json(): Promise<any>;
  }
}

export {};
