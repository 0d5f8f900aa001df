/** Who is calling: the one type handlers and the policy see, set by exactly one middleware. */
export const STAFF_ROLES = ['infocenter', 'officer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'citizen';

export type Principal =
  | { kind: 'staff'; subject: string; role: StaffRole; office?: string; municipality?: string }
  | {
      kind: 'citizen';
      subject: string;
      role: 'citizen';
      /** Under the current key (audit subject). */
      personRef: string;
      /** Every reference their cases may be stored under (current first; more during a key rotation). */
      personRefs: readonly string[];
      /**
       * Their personnummer or samordningsnummer (12 digits) from the sign-in, for the one use that needs
       * it: addressing their digital mailbox when they choose digital mail (sealed at once). A function,
       * so the number never travels with the principal into a log line or a serialised object.
       */
      identityNumber?: () => string;
    };

/** Verifies a bearer token and returns the principal, or throws AppError('unauthenticated'). */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}
