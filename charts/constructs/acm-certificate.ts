import { Construct } from 'constructs';
import { Certificate as AckCertificate } from '../../imports/acm-certificate-acm.services.k8s.aws';
import { inRegion } from '../lib/regions';

export interface AcmCertificateProps {
  /** metadata.name; CloudFront references the certificate by it (`acmCertificateRef`). */
  readonly name: string;
  /** The certificate's main domain, e.g. mycomputer.com. */
  readonly domainName: string;
  /**
   * Further names it covers, e.g. *.mycomputer.com.
   * @default none
   */
  readonly subjectAlternativeNames?: readonly string[];
  /**
   * Region the certificate is requested in (`services.k8s.aws/region`).
   * @default the namespace's default region
   */
  readonly region?: string;
}

/**
 * A public ACM certificate. The ACK controller requests public certificates with DNS
 * validation (it has no validation-method field); the CNAME ACM asks for is published by the
 * DNS chart once pinned in edge.assigned.certificateValidation.
 */
export class AcmCertificate extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AcmCertificateProps) {
    super(scope, id);
    const names = [props.domainName, ...(props.subjectAlternativeNames ?? [])];
    const bad = names.find((name) => !/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(name));
    if (bad !== undefined) throw new Error(`AcmCertificate ${props.name}: domain names must be DNS names (a leading *. allowed), got "${bad}"`);
    this.name = props.name;
    new AckCertificate(this, 'Resource', {
      metadata: { name: props.name, ...(props.region ? { annotations: inRegion(props.region) } : {}) },
      spec: {
        domainName: props.domainName,
        ...(props.subjectAlternativeNames?.length ? { subjectAlternativeNames: [...props.subjectAlternativeNames] } : {}),
        keyAlgorithm: 'RSA_2048',
        options: { certificateTransparencyLoggingPreference: 'ENABLED' },
      },
    });
  }
}
