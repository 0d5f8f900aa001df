import { describe, expect, it } from 'vitest';
import { choosePort, type WsdlPort } from './ports.js';

const PATH = '/TekisArende/ArendeExportWS.svc';
/** As ByggR v8 publishes them: the http port first, the https port last (node-soap's default). */
const V8: WsdlPort[] = [
  {
    service: 'ArendeExport',
    name: 'BasicHttpBinding_IExportArenden',
    location: `http://byggr.example${PATH}`,
  },
  {
    service: 'ArendeExport',
    name: 'BasicHttpBinding_IExportArenden1',
    location: `https://byggr.example${PATH}`,
  },
];

describe('choosePort', () => {
  it('takes the port whose scheme fits the WSDL URL, so an http service is never called over https', () => {
    expect(choosePort(V8, { wsdlUrl: `http://byggr.example${PATH}?wsdl` }).name).toBe(
      'BasicHttpBinding_IExportArenden',
    );
    expect(choosePort(V8, { wsdlUrl: `https://byggr.example${PATH}?wsdl` }).name).toBe(
      'BasicHttpBinding_IExportArenden1',
    );
  });

  it('lets the endpoint decide the scheme and the address', () => {
    const chosen = choosePort(V8, { wsdlUrl: 'http://x/?wsdl', endpoint: `https://proxy.example${PATH}` });
    expect(chosen).toMatchObject({
      name: 'BasicHttpBinding_IExportArenden1',
      address: `https://proxy.example${PATH}`,
    });
  });

  it('takes a named port, also as Service.Port, and names the ports it has when the name is wrong', () => {
    expect(choosePort(V8, { port: 'BasicHttpBinding_IExportArenden1', wsdlUrl: 'http://x/' }).address).toBe(
      `https://byggr.example${PATH}`,
    );
    expect(choosePort(V8, { port: 'ArendeExport.BasicHttpBinding_IExportArenden' }).name).toBe(
      'BasicHttpBinding_IExportArenden',
    );
    expect(() => choosePort(V8, { port: 'BasicHttpBinding_IArendeExportWS' })).toThrow(
      /no port BasicHttpBinding_IArendeExportWS \(it has: BasicHttpBinding_IExportArenden, BasicHttpBinding_IExportArenden1\)/,
    );
  });

  it('takes the only port whatever its scheme, and refuses to guess between several', () => {
    const [httpsOnly] = V8.slice(1);
    expect(choosePort(httpsOnly ? [httpsOnly] : [], { wsdlUrl: 'http://x/?wsdl' }).name).toBe(
      'BasicHttpBinding_IExportArenden1',
    );
    expect(() => choosePort(V8, {})).toThrow(/several ports .*; set port or endpoint/);
    expect(() => choosePort([], {})).toThrow(/no SOAP port/);
  });
});
