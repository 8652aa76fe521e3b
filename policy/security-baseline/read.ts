/** Small readers of ACK object fields shared by the controls; each tolerates absent or mistyped fields. */
import { Finding, Peers } from './types';
import { KubeObject, kindKey } from '../tag-shapes';

export const PASS: Finding = { kind: 'pass' };

export function fail(message: string): Finding {
  return { kind: 'fail', message };
}

export function ackGap(message: string, mitigation: string): Finding {
  return { kind: 'ackGap', message, mitigation };
}

/** A pass when `ok`, else a failure with `message`. */
export function check(ok: boolean, message: string): Finding[] {
  return [ok ? PASS : fail(message)];
}

/** The page of a control in the Security Hub user guide, e.g. `s3-controls.html#s3-5` for S3.5. */
export function controlUrl(id: string): string {
  const [service, number] = id.toLowerCase().split('.');
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${service}-${number}`;
}

export function spec(object: KubeObject): Record<string, unknown> {
  return object.spec ?? {};
}

export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(record) : [];
}

export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function shown(value: unknown): string {
  return value === undefined ? 'unset' : JSON.stringify(value);
}

/** The name an ACK reference points at (`xxxRef.from.name`), or undefined. */
export function refName(ref: unknown): string | undefined {
  const name = record(record(ref).from).name;
  return typeof name === 'string' ? name : undefined;
}

export function peersOfKind(peers: Peers, key: string): KubeObject[] {
  return peers.filter((peer) => kindKey(peer) === key);
}

/** IAM-style policy statements of a JSON policy document; [] when absent or not JSON. */
export function statements(document: unknown): Record<string, unknown>[] {
  if (typeof document !== 'string' || document === '') return [];
  try {
    const statement = record(JSON.parse(document)).Statement;
    return Array.isArray(statement) ? list(statement) : [record(statement)];
  } catch {
    return [];
  }
}

/** ELBv2 `attributes` (key/value list) as a map. */
export function attributes(object: KubeObject): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of list(spec(object).attributes)) {
    if (typeof entry.key === 'string') map[entry.key] = String(entry.value ?? '');
  }
  return map;
}
