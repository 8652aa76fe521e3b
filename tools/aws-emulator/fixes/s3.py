"""S3: GetBucketEncryption on a bucket without an encryption configuration, and PutBucketLogging
to a target bucket whose policy has a statement with `"Principal": "*"`.

Logging: AWS accepts a target bucket whose policy grants logging.s3.amazonaws.com s3:PutObject,
whatever else the policy holds. moto reads every statement's Principal as a map and raises
AttributeError ('str' object has no attribute 'get') on a `"Principal": "*"` statement (the
estate's DenyInsecureTransport), answering 500: s3-controller then never syncs the source
buckets' logging. Skip statements whose Principal is not a map, as they cannot be the grant.

Encryption:
AWS: since January 2023 every bucket has default encryption (SSE-S3, AES256), so GetBucketEncryption
always answers a configuration. moto answers ServerSideEncryptionConfigurationNotFoundError for a
new bucket, and s3-controller v1.10.0 then dereferences the nil answer
(pkg/resource/bucket/hook.go:487) and panics. Answer as AWS does; what a PutBucketEncryption
stored still wins.
"""
from typing import Any

AWS_DEFAULT_ENCRYPTION = {
    "Rule": {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": "false"}
}


def apply() -> None:
    from moto.s3.models import S3Backend

    stored = S3Backend.get_bucket_encryption

    def get_bucket_encryption(self: S3Backend, bucket_name: str) -> dict[str, Any]:
        return stored(self, bucket_name) or AWS_DEFAULT_ENCRYPTION

    S3Backend.get_bucket_encryption = get_bucket_encryption
    _tolerate_string_principals_in_logging_check()


def _tolerate_string_principals_in_logging_check() -> None:
    import json

    from moto.s3.models import FakeBucket

    stored = FakeBucket._log_permissions_enabled_policy

    def check(target_bucket: Any, target_prefix: Any) -> bool:
        policy = target_bucket.policy
        if not policy:
            return False
        document = json.loads(policy.decode())
        statements = document.get("Statement", [])
        kept = [s for s in (statements if isinstance(statements, list) else [statements]) if isinstance(s.get("Principal"), dict)]
        original = target_bucket.policy
        try:
            target_bucket.policy = json.dumps({**document, "Statement": kept}).encode()
            return stored(target_bucket=target_bucket, target_prefix=target_prefix)
        finally:
            target_bucket.policy = original

    FakeBucket._log_permissions_enabled_policy = staticmethod(check)
