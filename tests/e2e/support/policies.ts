/**
 * The policy reconciler's findings as people read them in the end-to-end run: the TaggingPolicy and
 * BackupPolicy status (what `kubectl get -o json` returns), the printer columns of
 * `kubectl get taggingpolicies,backuppolicies`, and the Events on one object. Also what the
 * findings should be, from the committed policy objects and what ACK synced.
 */
import { ManifestObject } from '../../../cli/diff/manifest-tree';
import { KubeObject } from '../../../policy/tag-shapes';
import { POLICY_GROUP } from '../../../policy/policy-resources';
import { POLICY_DEFINITIONS, policyDefinition } from '../../../policy/registry';
import { isAck } from '../../cluster/support/manifests';
import { kubectl } from '../../support/kube';

/** The policy objects of one environment's manifests. */
export const policiesIn = (objects: readonly ManifestObject[]): ManifestObject[] => objects.filter((o) => o.apiVersion.split('/')[0] === POLICY_GROUP);

interface PolicyScope {
  readonly kinds: readonly string[];
  readonly namespaces: readonly string[];
  readonly mode: string;
}
const scopeOf = (policy: ManifestObject) => (policy as unknown as { spec: PolicyScope }).spec;

/** The counts a policy's status and printer columns carry. */
export interface PolicyCounts {
  readonly mode: string;
  readonly checked: number;
  readonly compliant: number;
  readonly violating: number;
  readonly notVerified: number;
}

/**
 * What the reconciler must report for `policy` over the committed objects: every ACK object of a
 * covered kind in a covered namespace is checked; none breaks a rule (synth refuses such
 * manifests); those ACK has not synced are "not verified"; the rest comply.
 */
export function expectedCounts(policy: ManifestObject, objects: readonly ManifestObject[], synced: (o: ManifestObject) => boolean): PolicyCounts {
  const { kinds, namespaces, mode } = scopeOf(policy);
  const covered = objects.filter((o) => isAck(o) && namespaces.includes(o.metadata.namespace ?? '') && kinds.includes(`${o.apiVersion.split('/')[0]}/${o.kind}`));
  const notVerified = covered.filter((o) => !synced(o)).length;
  return { mode, checked: covered.length, compliant: covered.length - notVerified, violating: 0, notVerified };
}

/** A policy object as the cluster has it. */
export interface LivePolicy {
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: { readonly mode: string };
  readonly status?: {
    readonly resourcesChecked?: number;
    readonly compliant?: number;
    readonly violating?: number;
    readonly notVerified?: number;
    readonly conditions?: readonly { type: string; status: string; reason: string }[];
    readonly violations?: readonly { kind: string; namespace: string; name: string; reason: string; message: string }[];
  };
}

/** `taggingpolicies,backuppolicies,securitybaselines`: every registered policy kind. */
const RESOURCES = POLICY_DEFINITIONS.map((definition) => definition.plural).join(',');

/** Every TaggingPolicy and BackupPolicy of the cluster, by `<Kind>/<name>`. */
export async function livePolicies(): Promise<Map<string, LivePolicy>> {
  const { stdout } = await kubectl(['get', RESOURCES, '-o', 'json']);
  return new Map((JSON.parse(stdout).items as LivePolicy[]).map((p) => [`${p.kind}/${p.metadata.name}`, p]));
}

export const countsOf = (policy: LivePolicy): PolicyCounts => ({
  mode: policy.spec.mode,
  checked: policy.status?.resourcesChecked ?? -1,
  compliant: policy.status?.compliant ?? -1,
  violating: policy.status?.violating ?? -1,
  notVerified: policy.status?.notVerified ?? -1,
});

/**
 * `kubectl get taggingpolicies,backuppolicies` as printed (the CRDs' printer columns), one row per
 * policy by `<Kind>/<name>`. Columns are separated by two spaces or more; "NOT VERIFIED" has one.
 */
export async function printedPolicies(): Promise<Map<string, PolicyCounts & { readonly row: string }>> {
  const { stdout } = await kubectl(['get', RESOURCES]);
  const rows = new Map<string, PolicyCounts & { row: string }>();
  for (const table of stdout.trim().split(/\n\s*\n/)) {
    const [header, ...lines] = table.split('\n');
    const columns = header.trim().split(/\s{2,}/);
    for (const line of lines) {
      const cells = Object.fromEntries(line.trim().split(/\s{2,}/).map((cell, index) => [columns[index], cell]));
      // NAME is `<plural>.<group>/<name>` with several kinds at once: taggingpolicy.platform.mycomputer.com/x
      const [resource, name] = cells.NAME.split('/');
      const kind = POLICY_DEFINITIONS.find((definition) => resource.startsWith(`${definition.kind.toLowerCase()}.`))!.kind;
      rows.set(`${kind}/${name}`, {
        row: line,
        mode: cells.MODE,
        checked: Number(cells.CHECKED),
        compliant: Number(cells.COMPLIANT),
        violating: Number(cells.VIOLATING),
        notVerified: Number(cells['NOT VERIFIED']),
      });
    }
  }
  return rows;
}

/** An Event on one object, as the reconciler wrote it. */
export interface ObjectEvent {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly reportingController?: string;
}

/** The Events of one object (by kind and name) in a namespace. */
export async function eventsOn(namespace: string, kind: string, name: string): Promise<ObjectEvent[]> {
  const { stdout } = await kubectl(['get', 'events', '-n', namespace, '--field-selector', `involvedObject.kind=${kind},involvedObject.name=${name}`, '-o', 'json']);
  return JSON.parse(stdout).items as ObjectEvent[];
}

/** The live objects of these `<group>/<Kind>` keys in a namespace, as the cluster has them (status included). */
async function liveObjectsOf(kinds: readonly string[], namespace: string): Promise<KubeObject[]> {
  const lists = await Promise.all(kinds.map(async (key) => {
    const slash = key.lastIndexOf('/');
    const { stdout } = await kubectl(['get', `${key.slice(slash + 1).toLowerCase()}.${key.slice(0, slash)}`, '-n', namespace, '-o', 'json']);
    return JSON.parse(stdout).items as KubeObject[];
  }));
  return lists.flat();
}

/**
 * What the reconciler must report for `policy` over the live estate: its definition applied to
 * each covered live object with its live peers (the same code the reconciler runs): an object
 * with an unaccepted finding is violating; the others are compliant when ACK synced them, not
 * verified otherwise. Also the violating objects, by `<Kind>/<name>`, for the message.
 */
export async function liveExpectation(policy: ManifestObject, synced: (kind: string, name: string) => boolean): Promise<PolicyCounts & { readonly violatingObjects: readonly string[] }> {
  const definition = policyDefinition(policy.kind);
  const spec = definition.withDefaults({ ...(policy as unknown as { spec: Record<string, unknown> }).spec });
  const counts = { checked: 0, compliant: 0, violating: 0, notVerified: 0 };
  const violatingObjects: string[] = [];
  for (const namespace of spec.namespaces) {
    const live = await liveObjectsOf(spec.kinds, namespace);
    for (const object of live.filter((o) => definition.covers(spec, o))) {
      const peerKinds = new Set(definition.peerKinds?.(object) ?? []);
      const peers = live.filter((o) => peerKinds.has(`${o.apiVersion.split('/')[0]}/${o.kind}`));
      counts.checked++;
      if (definition.evaluate(spec, object, peers).some((finding) => !finding.accepted)) {
        counts.violating++;
        violatingObjects.push(`${object.kind}/${object.metadata.name}`);
      } else if (synced(object.kind, object.metadata.name ?? '')) counts.compliant++;
      else counts.notVerified++;
    }
  }
  return { mode: spec.mode, ...counts, violatingObjects: violatingObjects.sort() };
}
