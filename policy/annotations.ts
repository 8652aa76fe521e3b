/**
 * The label and annotation keys that the charts write and the policies, the reconciler or
 * Argo CD read: one definition of each, so that a writer and its reader cannot drift apart.
 */

/** Our own prefix for the labels and annotations the platform defines. */
export const LABEL_PREFIX = 'platform.mycomputer.com';
/** Who owns an object: finalize derives its Application and Team tags from these labels. */
export const APPLICATION_LABEL = `${LABEL_PREFIX}/application`;
export const TEAM_LABEL = `${LABEL_PREFIX}/team`;
/** The environment of an object; the reconciler selects its environment's policies by it. */
export const ENVIRONMENT_LABEL = `${LABEL_PREFIX}/environment`;
/** How much an object's data matters (charts/lib/recovery.ts sets them, the backup policy reads them). */
export const TIER_LABEL = `${LABEL_PREFIX}/tier`;
export const RPO_ANNOTATION = `${LABEL_PREFIX}/rpo-minutes`;
export const RTO_ANNOTATION = `${LABEL_PREFIX}/rto-minutes`;
/**
 * metadata.name of the VPC object a FlowLog logs. ACK's FlowLog names its VPC by id only (no
 * vpcRef); the id is the environment's pinned `network.assigned.vpcId`, which `platform bind`
 * read from that object's status. The SecurityBaseline's EC2.6 pairs them by it before the VPC
 * has a status (at synth), and by the id once it has one.
 */
export const FLOW_LOG_VPC_ANNOTATION = `${LABEL_PREFIX}/flow-log-of-vpc`;
/**
 * On a VPC whose FlowLog is left out of the manifests until the VPC's id is bound: the
 * environment key it waits for. EC2.6 reports it as not expressible yet (ACK names the VPC by id
 * only), with `platform bind` as the way out, instead of failing a fresh environment's synth.
 */
export const FLOW_LOG_WAITING_ANNOTATION = `${LABEL_PREFIX}/flow-log-waiting-for`;

/** The region of every ACK object of a namespace (the namespace chart sets it). */
export const DEFAULT_REGION_ANNOTATION = 'services.k8s.aws/default-region';
/** Region of one ACK resource outside the namespace's default region; a DR replica names the DR region here. */
export const REGION_ANNOTATION = 'services.k8s.aws/region';
/** The AWS account of every ACK object of a namespace (the namespace chart sets it; `platform bind` checks it). */
export const OWNER_ACCOUNT_ANNOTATION = 'services.k8s.aws/owner-account-id';
/** `retain`: deleting the Kubernetes object leaves the AWS resource in place. */
export const DELETION_POLICY_ANNOTATION = 'services.k8s.aws/deletion-policy';
/** ACK treats an absent annotation as "true": deleting the DBInstance would take no final snapshot. */
export const SKIP_FINAL_SNAPSHOT_ANNOTATION = 'rds.services.k8s.aws/skip-final-snapshot';
export const FINAL_SNAPSHOT_ANNOTATION = 'rds.services.k8s.aws/final-db-snapshot-identifier';
export const DELETE_AUTOMATED_BACKUPS_ANNOTATION = 'rds.services.k8s.aws/delete-automated-backups';

/** Argo CD tracks the objects it manages by this annotation, or by the instance label. */
export const ARGO_TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
export const ARGO_INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const ARGO_SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
