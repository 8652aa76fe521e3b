import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { TaskDefinition as AckTaskDefinition, TaskDefinitionSpec } from '../../imports/ecs-taskdefinition-ecs.services.k8s.aws';
// Secrets come through `secrets` (valueFrom an ARN), never as plain environment values.
import { SECRET_LIKE_NAME } from '../lib/environment/variables';
import { FARGATE_MEMORY, fargateMemories } from '../lib/fargate';


const SECRET_SOURCE = /^arn:aws[a-z-]*:(secretsmanager|ssm):[a-z0-9-]+:\d{12}:(secret|parameter)[:/]\S+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export interface ContainerLogs {
  /** CloudWatch Logs group (awslogs driver), e.g. `/ecs/inventory`. */
  readonly logGroupName: string;
  readonly region: string;
  /** Streams are named `<prefix>/<container>/<task id>`. */
  readonly streamPrefix: string;
}

export interface ContainerHealthCheck {
  /** e.g. `['CMD-SHELL', '...']`; exit 0 means healthy. */
  readonly command: readonly string[];
  /** @default 30 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 3 */
  readonly retries?: number;
  /** Failures during this start-up time do not count. @default 60 */
  readonly startPeriodSeconds?: number;
}

export interface ContainerProps {
  readonly name: string;
  /** Image with a pinned tag, e.g. `111111111111.dkr.ecr.eu-west-1.amazonaws.com/mycomputer/inventory:2.14.0`. */
  readonly image: string;
  /** The task stops when an essential container stops. @default true */
  readonly essential?: boolean;
  /** CPU units reserved for this container. @default none (shares the task's) */
  readonly cpu?: number;
  /** Soft memory limit in MiB. @default none (shares the task's) */
  readonly memoryReservation?: number;
  /** @default none */
  readonly portMappings?: readonly { readonly containerPort: number; readonly protocol?: 'tcp' | 'udp' }[];
  /** Plain variables; names that look like secrets are refused. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Variable name → ARN of the Secrets Manager secret (or SSM parameter) ECS injects. @default none */
  readonly secrets?: Readonly<Record<string, string>>;
  readonly logs: ContainerLogs;
  /** @default none */
  readonly healthCheck?: ContainerHealthCheck;
}

export interface EcsTaskDefinitionProps {
  /** metadata.name; services reference the task definition by it (`taskDefinitionRef`). */
  readonly name: string;
  /** Family (AWS name); each change of the spec registers a new revision of it. */
  readonly family: string;
  /** Task CPU units (Fargate sizes). */
  readonly cpu: number;
  /** Task memory in MiB (valid for `cpu` on Fargate). */
  readonly memory: number;
  /** ARN of the role ECS uses to pull images, write logs and read secrets (ACK has no reference for it). */
  readonly executionRoleArn: string;
  /** metadata.name of the ACK IAM Role the application runs as (`taskRoleRef`). */
  readonly taskRoleName: string;
  readonly containers: readonly ContainerProps[];
  /** @default 'X86_64' */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
}

/** An ACK ECS TaskDefinition for Fargate (awsvpc networking), containers logging to CloudWatch. */
export class EcsTaskDefinition extends Construct {
  public readonly name: string;
  public readonly family: string;
  /** Short hash of the spec: changes exactly when a new revision is registered. */
  public readonly digest: string;

  constructor(scope: Construct, id: string, props: EcsTaskDefinitionProps) {
    super(scope, id);
    const where = `EcsTaskDefinition ${props.name}`;
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(props.family)) throw new Error(`${where}: family must be 1-255 of [A-Za-z0-9_-], got "${props.family}"`);
    const memories = fargateMemories(props.cpu);
    if (!memories) throw new Error(`${where}: cpu must be a Fargate size (${Object.keys(FARGATE_MEMORY).join(', ')}), got ${props.cpu}`);
    if (!memories.includes(props.memory)) throw new Error(`${where}: memory ${props.memory} MiB is not a Fargate size for cpu ${props.cpu}`);
    if (!ROLE_ARN.test(props.executionRoleArn)) throw new Error(`${where}: executionRoleArn must be an IAM role ARN, got "${props.executionRoleArn}"`);
    checkContainers(where, props);
    this.name = props.name;
    this.family = props.family;
    const spec: TaskDefinitionSpec = {
      family: props.family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memory),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: props.cpuArchitecture ?? 'X86_64' },
      executionRoleArn: props.executionRoleArn,
      taskRoleRef: { from: { name: props.taskRoleName } },
      containerDefinitions: props.containers.map(containerDefinition),
      volumes: [{ name: SCRATCH_VOLUME }],
    };
    this.digest = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
    new AckTaskDefinition(this, 'Resource', { metadata: { name: props.name }, spec });
  }
}

function checkContainers(where: string, props: EcsTaskDefinitionProps): void {
  const names = props.containers.map((c) => c.name);
  if (names.length === 0) throw new Error(`${where}: containers must not be empty`);
  if (new Set(names).size !== names.length) throw new Error(`${where}: container names must be unique, got ${names.join(', ')}`);
  if (!props.containers.some((c) => c.essential ?? true)) throw new Error(`${where}: at least one container must be essential`);
  const cpu = props.containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0);
  if (cpu > props.cpu) throw new Error(`${where}: containers reserve ${cpu} CPU units, more than the task's ${props.cpu}`);
  const memory = props.containers.reduce((sum, c) => sum + (c.memoryReservation ?? 0), 0);
  if (memory > props.memory) throw new Error(`${where}: containers reserve ${memory} MiB, more than the task's ${props.memory}`);
  for (const c of props.containers) {
    const at = `${where} container ${c.name}`;
    if (!/^[^:@\s]+(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/.test(c.image.slice(c.image.lastIndexOf('/') + 1)) || /:latest$/.test(c.image)) {
      throw new Error(`${at}: image must be pinned to a tag other than latest or a digest, got "${c.image}"`);
    }
    for (const name of Object.keys(c.environment ?? {})) {
      if (SECRET_LIKE_NAME.test(name)) throw new Error(`${at}: environment variable ${name} looks like a secret; pass it in secrets (by ARN)`);
      if (c.secrets?.[name] !== undefined) throw new Error(`${at}: ${name} is both an environment variable and a secret`);
    }
    for (const [name, arn] of Object.entries(c.secrets ?? {})) {
      if (!SECRET_SOURCE.test(arn)) throw new Error(`${at}: secret ${name} must come from a Secrets Manager or SSM ARN, got "${arn}"`);
    }
  }
}

/**
 * Every container runs on a read-only root file system (Security Hub ECS.5); what a process must
 * write goes to /tmp, a task-scoped volume Fargate keeps on the task's ephemeral storage.
 */
const SCRATCH_VOLUME = 'tmp';
const SCRATCH_PATH = '/tmp';

const byName = <T>(record: Readonly<Record<string, T>> | undefined) => Object.keys(record ?? {}).sort().map((name) => [name, record![name]] as const);

function containerDefinition(c: ContainerProps) {
  const check = c.healthCheck;
  const environment = byName(c.environment);
  const secrets = byName(c.secrets);
  // Empty lists are left out and hostPort is set as ECS reports it (awsvpc: the container
  // port), so the spec matches what DescribeTaskDefinition returns.
  return {
    name: c.name,
    image: c.image,
    essential: c.essential ?? true,
    readonlyRootFilesystem: true,
    mountPoints: [{ sourceVolume: SCRATCH_VOLUME, containerPath: SCRATCH_PATH, readOnly: false }],
    ...(c.cpu !== undefined ? { cpu: c.cpu } : {}),
    ...(c.memoryReservation !== undefined ? { memoryReservation: c.memoryReservation } : {}),
    ...(c.portMappings?.length ? { portMappings: c.portMappings.map((p) => ({ containerPort: p.containerPort, hostPort: p.containerPort, protocol: p.protocol ?? 'tcp' })) } : {}),
    ...(environment.length ? { environment: environment.map(([name, value]) => ({ name, value })) } : {}),
    ...(secrets.length ? { secrets: secrets.map(([name, valueFrom]) => ({ name, valueFrom })) } : {}),
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': c.logs.logGroupName, 'awslogs-region': c.logs.region, 'awslogs-stream-prefix': c.logs.streamPrefix },
    },
    ...(check
      ? {
          healthCheck: {
            command: [...check.command],
            interval: check.intervalSeconds ?? 30,
            timeout: check.timeoutSeconds ?? 5,
            retries: check.retries ?? 3,
            startPeriod: check.startPeriodSeconds ?? 60,
          },
        }
      : {}),
  };
}
