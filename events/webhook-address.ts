/**
 * Where a webhook may point (SSRF): https only unless allowed, and never at the hub's own network
 * unless allowed. An address is checked when a subscription is saved (literal addresses and names
 * like `localhost`) and again on every connection, after DNS, so a name that later resolves to an
 * internal address (DNS rebinding) is refused too.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export type AddressRules = {
  /** http:// receivers are accepted (loopback tests, the demo). */
  allowHttp: boolean;
  /** Receivers on loopback and private networks are accepted. */
  allowPrivate: boolean;
};

// Never a receiver: "this host", link-local (cloud metadata at 169.254.169.254), multicast, reserved.
const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 3, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

// The hub's own and its neighbours': only when allowed.
const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** An IPv4-mapped IPv6 address (`::ffff:7f00:1`, `::ffff:127.0.0.1`) as the IPv4 address it is. */
function unmapped(address: string): string {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return address;
  if (m[1]) return m[1];
  const hi = Number.parseInt(m[2] as string, 16);
  const lo = Number.parseInt(m[3] as string, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Why `address` (an IP) may not receive webhooks, or undefined when it may. */
export function addressRefusal(address: string, rules: AddressRules): string | undefined {
  const ip = unmapped(address.replace(/^\[|\]$/g, ''));
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (NEVER.check(ip, family)) return 'a link-local, multicast or unspecified address';
  if (!rules.allowPrivate && PRIVATE.check(ip, family)) return 'a loopback or private address';
  return undefined;
}

/**
 * Why `url` cannot be a webhook's address, or undefined when it can.
 *
 * @example
 * urlRefusal('http://10.0.0.5/hook', { allowHttp: false, allowPrivate: false }); // 'https is required'
 */
export function urlRefusal(url: string, rules: AddressRules): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:' && !(rules.allowHttp && parsed.protocol === 'http:'))
    return rules.allowHttp ? 'http or https is required' : 'https is required';
  if (parsed.username || parsed.password) return 'no user name or password in the URL';
  if (parsed.hash) return 'no fragment (#…) in the URL';
  const host = parsed.hostname;
  if (isIP(host.replace(/^\[|\]$/g, ''))) {
    const refusal = addressRefusal(host, rules);
    return refusal ? `the host is ${refusal}` : undefined;
  }
  if (!rules.allowPrivate && /(^|\.)localhost\.?$/i.test(host)) return 'the host is a loopback address';
  return undefined;
}

/** A DNS lookup for http(s).request that drops refused addresses and fails when none is left. */
export function guardedLookup(rules: AddressRules): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const allowed = addresses.filter((a) => addressRefusal(a.address, rules) === undefined);
      const first = allowed[0];
      if (!first) {
        const refused = Object.assign(new Error('address refused'), { code: 'EADDRREFUSED' });
        return callback(refused, '', 4);
      }
      if (options.all) return callback(null, allowed);
      return callback(null, first.address, first.family);
    });
  };
}
