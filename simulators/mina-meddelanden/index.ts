export type { ReceivedDelivery, ReceivedMessage } from './delivery.js';
export type { MailboxState } from './recipient.js';
export {
  type MinaMeddelandenFault,
  type MinaMeddelandenOperation,
  type MinaMeddelandenSender,
  type MinaMeddelandenSimulator,
  type MinaMeddelandenSimulatorOptions,
  RECIPIENT_PATH,
  SERVICE_PATH,
  startMinaMeddelandenSimulator,
} from './server.js';
