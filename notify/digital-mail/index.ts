export type { SupportInfo } from './delivery-xml.js';
export {
  createMinaMeddelandenMailbox,
  type MinaMeddelandenMailbox,
  type MinaMeddelandenOptions,
} from './mailbox.js';
export type { Signer } from './signing.js';
export type { TlsOptions } from './transport.js';
export {
  type DigitalMail,
  type DigitalMailbox,
  DigitalMailError,
  type DigitalMailLanguage,
  type DigitalMailOutcome,
  type UnreachableReason,
} from './types.js';
