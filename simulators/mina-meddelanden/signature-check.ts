/**
 * Checks one enveloped signature the way a mailbox operator does (sheet §5): the signed element on
 * its own, every prefix removed (the sealed delivery under its signed name `SealedDelivery`), the
 * signature's reference and SignedInfo recomputed, and the certificate in KeyInfo one we trust.
 */
import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { BadRequest, NS, one, optional, parseXml, prefixFree, text } from './xml.js';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const DIGESTS = new Set([
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2000/09/xmldsig#sha1',
]);

export class SignatureRejected extends Error {}

/** The certificate (PEM) that made a valid signature on `signed`, which must be one of `trusted`. */
export function checkSignature(
  signed: Element,
  trusted: readonly X509Certificate[],
  rootAs?: { ns: string; local: string },
): X509Certificate {
  const standalone = parseXml(prefixFree(signed, rootAs));
  const signature = one(standalone, NS.ds, 'Signature');
  const signedInfo = one(signature, NS.ds, 'SignedInfo');
  const attr = (e: Element, name: string) => e.getAttribute(name) ?? '';
  if (attr(one(signedInfo, NS.ds, 'CanonicalizationMethod'), 'Algorithm') !== EXC_C14N)
    throw new SignatureRejected('SignedInfo must be canonicalised with exclusive c14n');
  if (attr(one(signedInfo, NS.ds, 'SignatureMethod'), 'Algorithm') !== RSA_SHA256)
    throw new SignatureRejected('the signature method must be RSA-SHA256');
  const reference = one(signedInfo, NS.ds, 'Reference');
  if (attr(reference, 'URI') !== '')
    throw new SignatureRejected('the reference must be URI="" (the whole element)');
  const transforms = optional(reference, NS.ds, 'Transforms');
  const first = transforms ? optional(transforms, NS.ds, 'Transform') : undefined;
  if (!first || attr(first, 'Algorithm') !== ENVELOPED)
    throw new SignatureRejected('the reference must use the enveloped-signature transform');
  if (!DIGESTS.has(attr(one(reference, NS.ds, 'DigestMethod'), 'Algorithm')))
    throw new SignatureRejected('unsupported digest method');

  const keyInfo = optional(signature, NS.ds, 'KeyInfo');
  const x509Data = keyInfo ? optional(keyInfo, NS.ds, 'X509Data') : undefined;
  const certificateText = x509Data ? optional(x509Data, NS.ds, 'X509Certificate') : undefined;
  if (!certificateText) throw new BadRequest('the signature has no X509Certificate in KeyInfo');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(text(certificateText).replace(/\s+/g, ''), 'base64'));
  } catch {
    throw new SignatureRejected('the certificate in KeyInfo cannot be read');
  }
  const known = trusted.find((t) => t.fingerprint256 === certificate.fingerprint256);
  if (!known) throw new SignatureRejected('the signing certificate is not registered');

  const verifier = new SignedXml({ publicCert: known.toString() });
  verifier.loadSignature(prefixFree(signature));
  let valid = false;
  try {
    valid = verifier.checkSignature(prefixFree(standalone));
  } catch {
    valid = false;
  }
  if (!valid) throw new SignatureRejected('the signature does not match the signed content');
  return known;
}
