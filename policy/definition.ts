/**
 * What a policy is, once: the shape every policy kind (TaggingPolicy, BackupPolicy, ...) fills in
 * and the registry (policy/registry.ts) lists. The synth checks, the policy chart, the CRD
 * generator and the reconciler all read policies through it, so a new policy is one definition
 * and one registry entry, and nothing treats an unknown kind as one it knows.
 */
import { PolicyEnvironment } from './environment';
import { PolicyScope } from './policy-resources';
import { KubeObject } from './tag-shapes';

/** An OpenAPI v3 schema fragment (as a CRD holds it). */
export type Schema = Record<string, unknown>;

/** Other objects of the same namespace, for rules about relations (a database and its replica). */
export type Peers = readonly KubeObject[];

/** One broken rule of one object. */
export interface PolicyViolation {
  /** Stable, CamelCase: the Event reason and the status entry's reason. */
  readonly reason: string;
  readonly message: string;
  /**
   * A finding the policy accepts and shows instead of counting it as a violation: an exception
   * recorded in the environment data with its reason and owner, or a rule ACK cannot express.
   * Listed in status.accepted and as a Normal Event, never silent; synth does not fail on it.
   * @default false
   */
  readonly accepted?: boolean;
}

/** What a policy adds to an object in enforce mode: a server-side apply configuration. */
export interface PolicyFix {
  /** One field manager per concern, so that applying one never drops what another owns. */
  readonly fieldManager: string;
  /** The fields to apply besides the object's identity (apiVersion, kind, name, namespace). */
  readonly spec?: Record<string, unknown>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** What was added, for the Event: e.g. `added tag Owner=platform`. */
  readonly summary: string;
}

/** The fields every policy spec has besides where it applies (policy-resources' PolicyScope). */
export interface PolicySpecBase {
  readonly mode: 'enforce' | 'audit';
  /** `<group>/<Kind>` keys the policy covers. */
  readonly kinds: readonly string[];
}

export interface PolicyDefinition<Kind extends string = string, Spec extends PolicySpecBase = PolicySpecBase> {
  /** The custom resource's kind (group platform.mycomputer.com). */
  readonly kind: Kind;
  /** CRD names: plural and short names for `kubectl get`. */
  readonly plural: string;
  readonly shortNames: readonly string[];
  /** One sentence: the CRD's description. */
  readonly description: string;
  /** The spec's OpenAPI schema, with `namespaces`, `kinds`, `mode` and `maxReportedViolations` (crd-schema's commonSpec). */
  readonly specSchema: Schema;
  /** The `<group>/<Kind>` keys the policy can cover (what an environment's policy covers, and the reconciler's RBAC). */
  readonly coverableKinds: readonly string[];
  /** The environment's policy, built from its data (the synth checks and the policy chart use the same). */
  fromEnvironment(env: PolicyEnvironment): Spec;
  /** The spec of an object the API server defaulted, as the reconciler reads it. */
  withDefaults(spec: Record<string, unknown>): Spec & PolicyScope;
  /** Whether the policy applies to the object at all (kind, and whatever else the policy says). */
  covers(spec: Spec, object: KubeObject): boolean;
  /** The broken rules of one covered object; none when it complies. */
  evaluate(spec: Spec, object: KubeObject, peers: Peers): PolicyViolation[];
  /** `<group>/<Kind>` of the same namespace's objects the rules of `object` read (its peers). @default none */
  peerKinds?(object: KubeObject): readonly string[];
  /** What enforce mode adds to a non-compliant object; undefined when the policy never changes objects or nothing is missing. */
  remediate?(spec: Spec, object: KubeObject): PolicyFix | undefined;
  /** Problems with a spec that no object could ever meet (e.g. an RDS limit); one line each. */
  specProblems?(spec: Spec): string[];
}

/** A definition of any kind, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPolicyDefinition = PolicyDefinition<string, any>;
