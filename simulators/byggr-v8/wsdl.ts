/**
 * Our own WSDL for the operations the simulator serves, shaped as WCF publishes ArendeExportWS v8
 * (fact sheet §1–2): namespaces, message and binding names, SOAPActions with `/V8/`, output
 * actions without it, two bindings (plain and with the HTTPS transport policy) and two ports.
 */
import { ARENDE_SCHEMA, arrayOf, complex, el, GUID_SCHEMA } from './wsdl-arende-schema.js';

/** The operations the simulator serves; the real service has 19 (sheet §2). */
export const V8_OPERATIONS = [
  'GetUpdatedArendenCount',
  'GetUpdatedArenden',
  'GetArende',
  'GetRelateradeArendenByPersOrgNr',
] as const;
export type V8Operation = (typeof V8_OPERATIONS)[number];

export const SC = 'www.tekis.se/ServiceContract';

/** SOAPAction and wsaw input Action: `www.tekis.se/ServiceContract/V8/IExportArenden/<Op>`. */
export function soapAction(op: string, version: 'V8' | 'V4' = 'V8'): string {
  return `${SC}/${version}/IExportArenden/${op}`;
}

/** wsaw output Action: no version segment (sheet §2). */
export function outputAction(op: string): string {
  return `${SC}/IExportArenden/${op}Response`;
}

/** Path WCF serves the service on, as in the sheet's addresses. */
export const SERVICE_PATH = '/TekisArende/ArendeExportWS.svc';

const wrapper = (name: string, elements: string[]) =>
  `<xs:element name="${name}"><xs:complexType><xs:sequence>${elements.join('')}</xs:sequence></xs:complexType></xs:element>`;

const SERVICE_SCHEMA = `<xs:schema xmlns:tns="${SC}" xmlns:q2="www.tekis.se/arende" elementFormDefault="qualified" targetNamespace="${SC}">
<xs:import namespace="www.tekis.se/arende"/>
${wrapper('GetUpdatedArendenCount', [el('filter', 'tns:BatchFilter')])}
${wrapper('GetUpdatedArendenCountResponse', [el('GetUpdatedArendenCountResult', 'xs:int', { min: 1 })])}
${wrapper('GetUpdatedArenden', [el('filter', 'tns:BatchFilter')])}
${wrapper('GetUpdatedArendenResponse', [el('GetUpdatedArendenResult', 'tns:ArendeBatch')])}
${wrapper('GetArende', [el('dnr', 'xs:string')])}
${wrapper('GetArendeResponse', [el('GetArendeResult', 'q2:arende')])}
${wrapper('GetRelateradeArendenByPersOrgNr', [el('persOrgNr', 'xs:string'), el('kundNr', 'xs:string')])}
${wrapper('GetRelateradeArendenByPersOrgNrResponse', [el('GetRelateradeArendenByPersOrgNrResult', 'tns:ArrayOfArende1')])}
${complex('BatchFilter', [el('LowerExclusiveBound', 'xs:dateTime', { min: 1 }), el('UpperInclusiveBound', 'xs:dateTime', { min: 1, nillable: true })])}
${complex('ArendeBatch', [el('BatchStart', 'xs:dateTime', { min: 1 }), el('BatchEnd', 'xs:dateTime', { min: 1 }), el('Arenden', 'tns:ArrayOfArende')])}
${arrayOf('ArrayOfArende', 'arende', 'q2:arende', true)}
${arrayOf('ArrayOfArende1', 'arende', 'q2:arende', true)}
</xs:schema>`;

const POLICY = `<wsp:Policy wsu:Id="BasicHttpBinding_IExportArenden1_policy"><wsp:ExactlyOne><wsp:All>
<sp:TransportBinding xmlns:sp="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy"><wsp:Policy>
<sp:TransportToken><wsp:Policy><sp:HttpsToken RequireClientCertificate="false"/></wsp:Policy></sp:TransportToken>
<sp:AlgorithmSuite><wsp:Policy><sp:Basic256/></wsp:Policy></sp:AlgorithmSuite>
<sp:Layout><wsp:Policy><sp:Strict/></wsp:Policy></sp:Layout>
</wsp:Policy></sp:TransportBinding></wsp:All></wsp:ExactlyOne></wsp:Policy>`;

function binding(name: string, policy: boolean): string {
  const ops = V8_OPERATIONS.map(
    (op) =>
      `<wsdl:operation name="${op}"><soap:operation soapAction="${soapAction(op)}" style="document"/>` +
      '<wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>',
  ).join('\n');
  const ref = policy ? `<wsp:PolicyReference URI="#${name}_policy"/>` : '';
  return `<wsdl:binding name="${name}" type="tns:IExportArenden">${ref}<soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>\n${ops}\n</wsdl:binding>`;
}

/**
 * The WSDL, naming `httpAddress` and its `https:` twin as the two ports' addresses (WCF publishes
 * both when the site has both bindings; the simulator itself speaks plain HTTP only).
 */
export function renderWsdl(httpAddress: string): string {
  const httpsAddress = httpAddress.replace(/^http:/, 'https:');
  const messages = V8_OPERATIONS.map(
    (op) =>
      `<wsdl:message name="IExportArenden_${op}_InputMessage"><wsdl:part name="parameters" element="tns:${op}"/></wsdl:message>` +
      `<wsdl:message name="IExportArenden_${op}_OutputMessage"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`,
  ).join('\n');
  const portOps = V8_OPERATIONS.map(
    (op) =>
      `<wsdl:operation name="${op}"><wsdl:input wsaw:Action="${soapAction(op)}" message="tns:IExportArenden_${op}_InputMessage"/>` +
      `<wsdl:output wsaw:Action="${outputAction(op)}" message="tns:IExportArenden_${op}_OutputMessage"/></wsdl:operation>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${SC}" name="ArendeExport" targetNamespace="${SC}">
${POLICY}
<wsdl:types>
${SERVICE_SCHEMA.replace('<xs:schema ', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" ')}
${ARENDE_SCHEMA.replace('<xs:schema ', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" ')}
${GUID_SCHEMA.replace('<xs:schema ', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" ')}
</wsdl:types>
${messages}
<wsdl:portType name="IExportArenden">
${portOps}
</wsdl:portType>
${binding('BasicHttpBinding_IExportArenden', false)}
${binding('BasicHttpBinding_IExportArenden1', true)}
<wsdl:service name="ArendeExport">
<wsdl:port name="BasicHttpBinding_IExportArenden" binding="tns:BasicHttpBinding_IExportArenden"><soap:address location="${httpAddress}"/></wsdl:port>
<wsdl:port name="BasicHttpBinding_IExportArenden1" binding="tns:BasicHttpBinding_IExportArenden1"><soap:address location="${httpsAddress}"/></wsdl:port>
</wsdl:service>
</wsdl:definitions>`;
}
