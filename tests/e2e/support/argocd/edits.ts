/**
 * The edits the Argo CD suite makes to environments/ in its work clone, as a person (or
 * `platform bind`, `platform promote`) makes them: in place, comments kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

function editYaml(file: string, change: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  change(doc);
  fs.writeFileSync(file, doc.toString());
}

const environmentFile = (dir: string, env: string) => path.join(dir, 'environments', env, 'environment.yaml');
const versionsFile = (dir: string, env: string) => path.join(dir, 'environments', env, 'versions.yaml');

/** The key path of the certificate ARN the HTTPS listener takes (docs/edge.md, Bootstrap). */
const CERTIFICATE_ARN = ['edge', 'assigned', 'certificateArn'];
/** The key path of the VPC id the flow log takes (ACK's FlowLog names a VPC by id only). */
const VPC_ID = ['network', 'assigned', 'vpcId'];

/**
 * An empty account: nothing AWS assigns is pinned (`network.assigned` and `database.assigned` left
 * out, `cache.assigned` and `edge.assigned` empty), as `platform bind` starts from.
 */
export function unpinAll(dir: string, env: string): void {
  editYaml(environmentFile(dir, env), (doc) => {
    doc.deleteIn(['network', 'assigned']);
    doc.deleteIn(['database', 'assigned']);
    for (const block of ['cache', 'edge']) doc.setIn([block, 'assigned'], doc.createNode({}, { flow: true }));
  });
}

/** Bootstrap step 1 for the VPC id: not pinned, so the flow log is left out until the VPC exists. */
export function unpinVpcId(dir: string, env: string): void {
  editYaml(environmentFile(dir, env), (doc) => doc.deleteIn(VPC_ID));
}

/** Bootstrap step 2 for the VPC id: the id AWS assigned, pinned (what `platform bind` writes). */
export function pinVpcId(dir: string, env: string, id: string): void {
  editYaml(environmentFile(dir, env), (doc) => doc.setIn(VPC_ID, id));
}

/**
 * Bootstrap step 1 for the certificate: no ARN pinned, so the HTTPS listener and its rules are
 * left out until the certificate exists (the committed files pin a placeholder, which an empty
 * account does not have).
 */
export function unpinCertificateArn(dir: string, env: string): void {
  editYaml(environmentFile(dir, env), (doc) => doc.deleteIn(CERTIFICATE_ARN));
}

/** Bootstrap step 2 for the certificate: the ARN AWS assigned, pinned (what `platform bind` writes). */
export function pinCertificateArn(dir: string, env: string, arn: string): void {
  editYaml(environmentFile(dir, env), (doc) => doc.setIn(CERTIFICATE_ARN, arn));
}

export interface ImageBump {
  readonly image: string;
  readonly from: string;
  readonly to: string;
}

/** The next patch version of a tag (`2.16.0-rc.1` → `2.16.1`: a release after the candidate). */
export function nextPatch(tag: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(tag);
  if (!match) throw new Error(`image tag "${tag}" is not semver`);
  return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}

/** Bumps the tag of `image` in the environment's versions.yaml (images.<image>). */
export function bumpImage(dir: string, env: string, image: string): ImageBump {
  let bump: ImageBump | undefined;
  editYaml(versionsFile(dir, env), (doc) => {
    const from = doc.getIn(['images', image]);
    if (typeof from !== 'string') throw new Error(`${versionsFile(dir, env)}: images.${image} is missing`);
    bump = { image, from, to: nextPatch(from) };
    doc.setIn(['images', image], bump.to);
  });
  return bump!;
}
