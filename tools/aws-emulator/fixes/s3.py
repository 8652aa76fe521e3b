"""S3 GetBucketEncryption on a bucket without an encryption configuration.

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
