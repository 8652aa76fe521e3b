/**
 * The ACK controller release each service is pinned at: the `# aws-controllers-k8s/<service>-controller
 * v<version> (<commit>)` line above the service's CRD imports in cdk8s.yaml, the one place the
 * project pins them (the CRDs and the controllers' Helm charts come from the same release).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../lib/crds-dir';

/** Service (`acm`) → chart version (`1.3.4`, the tag without its `v`). */
export function pinnedControllerVersions(cdk8sYaml = path.join(REPO_ROOT, 'cdk8s.yaml')): ReadonlyMap<string, string> {
  const pins = new Map<string, string>();
  for (const match of fs.readFileSync(cdk8sYaml, 'utf8').matchAll(/^\s*# aws-controllers-k8s\/([a-z0-9]+)-controller v(\d+\.\d+\.\d+) /gm)) pins.set(match[1], match[2]);
  return pins;
}
