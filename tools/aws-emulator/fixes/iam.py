"""IAM: the AWS managed policies exist, and ListInstanceProfileTags answers.

AWS: every account can attach the AWS managed policies (`arn:aws:iam::aws:policy/...`, e.g.
AmazonSSMManagedInstanceCore). moto 5 no longer loads them unless MOTO_IAM_LOAD_MANAGED_POLICIES
is true, and answers AttachRolePolicy with NoSuchEntity: iam-controller v1.8.1 then never syncs
the Role `ec2-instance-role` (ACK.ResourceSynced Unknown), and its InstanceProfile waits on it.

AWS: ListInstanceProfileTags lists an instance profile's tags. moto stores them (CreateInstanceProfile,
TagInstanceProfile) but has no handler and answers 500, so nothing can read them back.
"""
import os


def apply() -> None:
    # Read by moto.settings when the IAM backend of an account is first created.
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"

    from moto.core.responses import ActionResult
    from moto.iam.responses import IamResponse

    def list_instance_profile_tags(self: IamResponse) -> ActionResult:
        profile = self.backend.get_instance_profile(profile_name=self._get_param("InstanceProfileName"))
        return ActionResult({"Tags": list(profile.tags), "IsTruncated": False})

    IamResponse.list_instance_profile_tags = list_instance_profile_tags
