/**
 * A removal plus an addition that are one resource renamed. Git only sees a Kubernetes name go
 * and another come; a reviewer needs to see "inventory became stock" and what AWS does about it.
 */
import { AwsNames } from './aws-names';
import { ManifestObject } from './manifest-tree';

export interface Rename {
  readonly before: ManifestObject;
  readonly after: ManifestObject;
  /** Both objects manage the same AWS name (re-managed), or the AWS name changes with the rename. */
  readonly sameAwsName: boolean;
}

const kindOf = (o: ManifestObject) => `${o.apiVersion.split('/')[0]}/${o.kind}/${o.metadata.namespace ?? ''}`;

/**
 * Pairs removed and added objects of the same kind: first those that manage the same AWS name
 * (one on each side, so the pairing is certain), then those whose Kubernetes names differ by a
 * substitution that also explains their AWS names, or that at least two pairs share (a renamed
 * workload renames all its objects the same way).
 */
export function findRenames(removed: readonly ManifestObject[], added: readonly ManifestObject[], awsNames: AwsNames): Rename[] {
  const renames: Rename[] = [];
  const used = new Set<ManifestObject>();
  const byIdentity = (list: readonly ManifestObject[]) => {
    const map = new Map<string, ManifestObject[]>();
    for (const o of list) {
      const id = awsNames.identity(o);
      if (id !== undefined) map.set(`${kindOf(o)}|${id}`, [...(map.get(`${kindOf(o)}|${id}`) ?? []), o]);
    }
    return map;
  };
  const after = byIdentity(added);
  for (const [key, olds] of byIdentity(removed)) {
    const news = after.get(key) ?? [];
    if (olds.length !== 1 || news.length !== 1) continue;
    renames.push({ before: olds[0], after: news[0], sameAwsName: true });
    used.add(olds[0]).add(news[0]);
  }

  const candidates = removed
    .filter((r) => !used.has(r))
    .flatMap((r) => added.filter((a) => !used.has(a) && kindOf(a) === kindOf(r)).map((a) => ({ r, a, token: substitution(r.metadata.name, a.metadata.name) })))
    .filter((c) => c.token !== undefined);
  const support = new Map<string, number>();
  for (const c of candidates) support.set(JSON.stringify(c.token), (support.get(JSON.stringify(c.token)) ?? 0) + 1);
  const explainsAwsName = (c: (typeof candidates)[number]) => {
    const [from, to] = c.token!;
    const old = awsNames.display(c.r);
    return old !== undefined && old.includes(from) && old.replace(from, to) === awsNames.display(c.a);
  };
  const accepted = candidates
    .filter((c) => explainsAwsName(c) || support.get(JSON.stringify(c.token))! >= 2)
    .sort((x, y) => support.get(JSON.stringify(y.token))! - support.get(JSON.stringify(x.token))!);
  for (const c of accepted) {
    if (used.has(c.r) || used.has(c.a)) continue;
    renames.push({ before: c.r, after: c.a, sameAwsName: awsNames.identity(c.r) !== undefined && awsNames.identity(c.r) === awsNames.identity(c.a) });
    used.add(c.r).add(c.a);
  }
  return renames;
}

/**
 * The differing middle of two names, cut at word boundaries: `tg-inventory`, `tg-stock` →
 * [`inventory`, `stock`]. Undefined for equal names or when either side would be empty.
 */
export function substitution(before: string, after: string): [string, string] | undefined {
  if (before === after) return undefined;
  const boundary = /[-./_]/;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  while (start > 0 && !boundary.test(before[start - 1])) start--;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  while (end > 0 && !boundary.test(before[before.length - end])) end--;
  const from = before.slice(start, before.length - end);
  const to = after.slice(start, after.length - end);
  return from && to ? [from, to] : undefined;
}
