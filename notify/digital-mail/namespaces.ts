/** Namespaces of the Mina meddelanden contract (docs/contracts/mina-meddelanden.md §2). */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  recipientV3: 'http://minameddelanden.gov.se/schema/Recipient/v3',
  serviceV3: 'http://minameddelanden.gov.se/schema/Service/v3',
  messageV3: 'http://minameddelanden.gov.se/schema/Message/v3',
  messageV2: 'http://minameddelanden.gov.se/schema/Message/v2',
  message: 'http://minameddelanden.gov.se/schema/Message',
  sender: 'http://minameddelanden.gov.se/schema/Sender',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;
