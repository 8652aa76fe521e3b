/**
 * IAM policy documents as data, rendered to the JSON string ACK's Role and Policy take, with
 * the least-privilege rules checked where a statement is built.
 */

export type Condition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface Statement {
  /** Alphanumeric statement id; names the statement in errors and in docs/coverage. */
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly condition?: Condition;
}

/**
 * Actions that do not support resource-level permissions (AWS Service Authorization Reference:
 * no resource type), so they can only be granted on Resource "*". The reason is what
 * docs/coverage/registry-security-observability.md repeats.
 */
export const UNSCOPED_ACTIONS: Readonly<Record<string, string>> = {
  'ecr:GetAuthorizationToken': 'the registry login token is account-wide',
  'xray:PutTraceSegments': 'X-Ray trace ingestion has no resource type',
  'xray:PutTelemetryRecords': 'X-Ray telemetry has no resource type',
  'xray:GetSamplingRules': 'sampling rules are read account-wide by the SDK',
  'xray:GetSamplingTargets': 'sampling targets are read account-wide by the SDK',
  'xray:GetSamplingStatisticSummaries': 'sampling statistics are account-wide',
  'cloudwatch:PutMetricData': 'metrics have no ARN; narrowed by the cloudwatch:namespace condition',
  'ec2:DescribeTags': 'EC2 Describe* calls have no resource type',
  'ec2:DescribeVolumes': 'EC2 Describe* calls have no resource type',
};

const SID = /^[A-Za-z0-9]+$/;
/** IAM quota: characters of a managed policy document, whitespace excluded (we write none). */
const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/** Throws when a statement grants a wildcard action, or "*" to an action that can be scoped. */
export function checkStatement(where: string, statement: Statement): void {
  const at = `${where} statement ${statement.sid}`;
  if (!SID.test(statement.sid)) throw new Error(`${at}: sid must be alphanumeric, got "${statement.sid}"`);
  if (statement.actions.length === 0) throw new Error(`${at}: actions must not be empty`);
  if (statement.resources.length === 0) throw new Error(`${at}: resources must not be empty`);
  for (const action of statement.actions) {
    if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action)) throw new Error(`${at}: action must be one service:Action without wildcards, got "${action}"`);
  }
  if (statement.resources.includes('*')) {
    const scopable = statement.actions.filter((action) => UNSCOPED_ACTIONS[action] === undefined);
    if (scopable.length > 0) throw new Error(`${at}: Resource "*" granted to actions that support resource-level permissions: ${scopable.join(', ')}`);
    if (statement.resources.length > 1) throw new Error(`${at}: Resource "*" must stand alone, got ${statement.resources.join(', ')}`);
  }
}

/** A permissions policy document, as the JSON string ACK's Policy.policyDocument takes. */
export function permissionsDocument(where: string, statements: readonly Statement[]): string {
  statements.forEach((statement) => checkStatement(where, statement));
  const sids = statements.map((s) => s.sid);
  const duplicate = sids.find((sid, index) => sids.indexOf(sid) !== index);
  if (duplicate) throw new Error(`${where}: statement sid "${duplicate}" is used twice`);
  const document = JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: [...s.resources],
      ...(s.condition ? { Condition: s.condition } : {}),
    })),
  });
  if (document.length > MANAGED_POLICY_MAX_CHARACTERS) {
    throw new Error(`${where}: the document is ${document.length} characters, more than a managed policy holds (${MANAGED_POLICY_MAX_CHARACTERS})`);
  }
  return document;
}

/** A trust policy letting one AWS service (e.g. `ecs-tasks.amazonaws.com`) assume the role. */
export function serviceTrustDocument(service: string, condition?: Condition): string {
  if (!/^[a-z0-9-]+\.amazonaws\.com$/.test(service)) throw new Error(`serviceTrustDocument: service must be a service principal such as ecs-tasks.amazonaws.com, got "${service}"`);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}
