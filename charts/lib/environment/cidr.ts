/** IPv4 CIDR arithmetic for validating network plans. */
export interface Cidr {
  readonly text: string;
  readonly base: number;
  readonly prefix: number;
}

/** Parses "a.b.c.d/n"; returns undefined when it is not a canonical IPv4 CIDR. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  // Host bits must be zero: 10.0.1.5/24 is almost always a typo.
  if (base % blockSize(prefix) !== 0) return undefined;
  return { text, base, prefix };
}

function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + blockSize(inner.prefix) <= outer.base + blockSize(outer.prefix);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + blockSize(b.prefix) && b.base < a.base + blockSize(a.prefix);
}
