/**
 * Enveloped XML signatures as Mina meddelanden uses them (docs/contracts/mina-meddelanden.md §5):
 * Reference URI="" with only the enveloped-signature transform, SHA-256 digest, exclusive c14n of
 * SignedInfo, RSA-SHA256, KeyInfo with the signer's subject name and certificate.
 *
 * The receiver digests the signed element with every namespace prefix removed. The documents built
 * in delivery-xml.ts use default namespaces only, so what we sign is already that form.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { NS } from './namespaces.js';
import { escapeText } from './xml-text.js';

export type Signer = {
  /** PEM of an RSA private key. */
  privateKeyPem: string;
  /** PEM of the certificate that goes into KeyInfo. */
  certificatePem: string;
};

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** RFC 2253 order (most specific first), as Java's getName() writes X509SubjectName. */
function subjectName(certificatePem: string): string {
  return new X509Certificate(certificatePem).subject.split('\n').reverse().join(',');
}

function bareCertificate(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/** Checks the key and certificate once, so a wrong file fails when the mailbox is created. */
export function checkSigner(signer: Signer): void {
  const key = createPrivateKey(signer.privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('the signing key must be an RSA key (RSA-SHA256)');
  const certificate = new X509Certificate(signer.certificatePem);
  if (!certificate.checkPrivateKey(key))
    throw new Error('the signing certificate does not belong to the key');
}

/** Appends a `ds:Signature` (default-namespace form) as the last child of the document element. */
export function signEnveloped(xml: string, signer: Signer): string {
  const signed = new SignedXml({
    privateKey: signer.privateKeyPem,
    publicCert: signer.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
    getKeyInfoContent: () =>
      `<X509Data><X509SubjectName>${escapeText(subjectName(signer.certificatePem))}</X509SubjectName>` +
      `<X509Certificate>${bareCertificate(signer.certificatePem)}</X509Certificate></X509Data>`,
  });
  signed.addReference({ xpath: '/*', transforms: [ENVELOPED], digestAlgorithm: SHA256, isEmptyUri: true });
  signed.computeSignature(xml, { location: { reference: '/*', action: 'append' }, attrs: {} });
  const out = signed.getSignedXml();
  if (!out.includes(`<Signature xmlns="${NS.ds}">`))
    throw new Error('the signature was not written in default-namespace form');
  return out;
}
