/** Every connector kind the hub knows. Adding a kind is one folder plus one line here. */
import { amqpConnector } from './amqp/index.js';
import type { ConnectorDefinition } from './contract.js';
import { placementStatusConnector } from './placement-status/index.js';
import { restConnector } from './rest/index.js';
import { soapConnector } from './soap/index.js';
import { ss12000Connector } from './ss12000/index.js';
import { xmlFileConnector } from './xml-file/index.js';

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own config type, checked by its own schema
export const CONNECTOR_KINDS: Readonly<Record<string, ConnectorDefinition<any>>> = {
  [amqpConnector.kind]: amqpConnector,
  [placementStatusConnector.kind]: placementStatusConnector,
  [restConnector.kind]: restConnector,
  [soapConnector.kind]: soapConnector,
  [ss12000Connector.kind]: ss12000Connector,
  [xmlFileConnector.kind]: xmlFileConnector,
};
