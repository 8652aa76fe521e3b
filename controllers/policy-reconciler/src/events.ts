/**
 * Events on offending objects (what `kubectl describe` shows). The name is derived from the
 * object, reason and message, so the same report is written once: a second pass finds it in the
 * Events cache and writes nothing.
 */
import { createHash } from 'node:crypto';
import { ApiObject, EventObject } from './kube';

export const COMPONENT = 'policy-reconciler';
/** Our Events carry this label; the Events informer watches only them. */
export const EVENT_LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/managed-by': COMPONENT };
export const EVENT_SELECTOR = Object.entries(EVENT_LABELS).map(([key, value]) => `${key}=${value}`).join(',');

/** Reasons of Events that are not policy rules. */
export const REASON_NOT_VERIFIED = 'NotVerified';
/** Normal Event after a remediation: it names the Warnings it resolved, so they are not the last word. */
export const REASON_REMEDIATED = 'Remediated';

export interface Report {
  readonly reason: string;
  readonly message: string;
  readonly type: 'Normal' | 'Warning';
}

export function eventName(object: ApiObject, report: Report): string {
  const hash = createHash('sha256').update(`${object.metadata.uid ?? ''}|${report.reason}|${report.message}`).digest('hex').slice(0, 16);
  return `${object.metadata.name.slice(0, 200)}.${hash}`;
}

export function buildEvent(object: ApiObject, report: Report, instance: string, now: number): EventObject {
  const time = new Date(now);
  return {
    metadata: { name: eventName(object, report), namespace: object.metadata.namespace ?? 'default', labels: { ...EVENT_LABELS } },
    involvedObject: { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace, uid: object.metadata.uid },
    reason: report.reason,
    message: report.message,
    type: report.type,
    source: { component: COMPONENT },
    reportingComponent: COMPONENT,
    reportingInstance: instance,
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
  };
}
