"""EC2 CreateSecurityGroup: the tags of the new group in the answer.

AWS: CreateSecurityGroup answers with GroupId, SecurityGroupArn and the tags created with the
group (`tagSet`, from TagSpecifications). moto creates the tags but leaves them out of the answer.
ec2-controller v1.20.0 copies the answer's Tags into spec.tags after creation
(pkg/resource/security_group/sdk.go, `ko.Spec.Tags = nil` when absent), so its next reconcile
sees the six tags of the manifests as unwanted and deletes them from AWS: every SecurityGroup
ended with only the controller's own two tags.
"""


def apply() -> None:
    from moto.core.responses import ActionResult
    from moto.ec2.responses.security_groups import SecurityGroups

    def create_security_group(self: SecurityGroups) -> ActionResult:
        tags = self._parse_tag_specification().get("security-group", {})
        self.error_on_dryrun()
        group = self.ec2_backend.create_security_group(
            self._get_param("GroupName"), self._get_param("Description"), vpc_id=self._get_param("VpcId"), tags=tags
        )
        result = {"GroupId": group.id, "SecurityGroupArn": group.arn}
        if tags:
            result["Tags"] = [{"Key": key, "Value": value} for key, value in tags.items()]
        return ActionResult(result)

    SecurityGroups.create_security_group = create_security_group
