"""IAM: the AWS managed policies exist.

AWS: every account can attach the AWS managed policies (`arn:aws:iam::aws:policy/...`, e.g.
AmazonSSMManagedInstanceCore). moto 5 no longer loads them unless MOTO_IAM_LOAD_MANAGED_POLICIES
is true, and answers AttachRolePolicy with NoSuchEntity: iam-controller v1.8.1 then never syncs
the Role `ec2-instance-role` (ACK.ResourceSynced Unknown), and its InstanceProfile waits on it.
"""
import os


def apply() -> None:
    # Read by moto.settings when the IAM backend of an account is first created.
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
