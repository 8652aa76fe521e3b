"""Fixes to moto, one module per service: each has `apply()` and a docstring saying what AWS does."""
import importlib

# Module names in the order they are applied (a fix may only touch its own service).
MODULES = ["applicationautoscaling", "cloudfront", "cloudwatch", "ec2", "ecs", "efs", "elasticache", "elbv2", "iam", "rds", "s3"]


def apply_all() -> list[str]:
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}").apply()
    return MODULES
