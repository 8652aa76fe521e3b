import { Construct } from 'constructs';
import { HealthCheck as AckHealthCheck } from '../../imports/route53-healthcheck-route53.services.k8s.aws';

export interface HealthCheckProps {
  /** metadata.name; record sets reference the health check by it (`healthCheckRef`). */
  readonly name: string;
  /** Host the checkers connect to (and send as Host and SNI). */
  readonly fullyQualifiedDomainName: string;
  /** Path requested; a 2xx or 3xx answer within 4 seconds is healthy. */
  readonly resourcePath: string;
  /** Seconds between checks from each checker: 10 or 30 (Route 53 offers only these). */
  readonly requestIntervalSeconds: 10 | 30;
  /**
   * Consecutive failures that make the endpoint unhealthy (1-10).
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Value of the AWS `Name` tag (what the console lists health checks by).
   * @default the metadata name
   */
  readonly nameTag?: string;
}

/** An HTTPS Route 53 health check of one endpoint, on port 443 with SNI. */
export class HealthCheck extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: HealthCheckProps) {
    super(scope, id);
    const at = `HealthCheck ${props.name}`;
    if (![10, 30].includes(props.requestIntervalSeconds)) throw new Error(`${at}: requestIntervalSeconds must be 10 or 30, got ${props.requestIntervalSeconds}`);
    const failureThreshold = props.failureThreshold ?? 3;
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1 || failureThreshold > 10) throw new Error(`${at}: failureThreshold must be 1-10, got ${failureThreshold}`);
    if (!props.resourcePath.startsWith('/')) throw new Error(`${at}: resourcePath must start with "/", got "${props.resourcePath}"`);
    this.name = props.name;
    new AckHealthCheck(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        healthCheckConfig: {
          type: 'HTTPS',
          fullyQualifiedDomainName: props.fullyQualifiedDomainName,
          port: 443,
          enableSni: true,
          resourcePath: props.resourcePath,
          requestInterval: props.requestIntervalSeconds,
          failureThreshold,
        },
        tags: [{ key: 'Name', value: props.nameTag ?? props.name }],
      },
    });
  }
}
