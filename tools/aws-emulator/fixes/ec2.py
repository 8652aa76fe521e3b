"""EC2 CreateSecurityGroup: the tags of the new group in the answer.

AWS: CreateSecurityGroup answers with GroupId, SecurityGroupArn and the tags created with the
group (`tagSet`, from TagSpecifications). moto creates the tags but leaves them out of the answer.
ec2-controller v1.20.0 copies the answer's Tags into spec.tags after creation
(pkg/resource/security_group/sdk.go, `ko.Spec.Tags = nil` when absent), so its next reconcile
sees the six tags of the manifests as unwanted and deletes them from AWS: every SecurityGroup
ended with only the controller's own two tags.

EC2 CreateSecurityGroup in a VPC that does not exist. AWS refuses it (InvalidVpcID.NotFound);
moto files the group under the unknown id. After the emulator restarted empty, ec2-controller
created each group in the lost VPC (its vpcRef still resolved to the VPC's old id): groups AWS would
never have made, left behind once the VPC came back under a new id. With AWS's answer the
controller waits until the reference names the new VPC.

EC2 CreateFlowLogs to an S3 folder. AWS takes a bucket ARN with a folder
(`arn:aws:s3:::bucket/folder/`: "the log files are written to that folder"). moto looks the whole
`bucket/folder/` up as a bucket name, answers the flow log as Unsuccessful, and ec2-controller
then never reads it back ("ReadOne call failed after a Create operation"). Check the bucket part
and keep the folder in the flow log.
"""


def apply() -> None:
    from moto.core.responses import ActionResult
    from moto.ec2.responses.security_groups import SecurityGroups

    def create_security_group(self: SecurityGroups) -> ActionResult:
        tags = self._parse_tag_specification().get("security-group", {})
        self.error_on_dryrun()
        vpc_id = self._get_param("VpcId")
        if vpc_id:
            self.ec2_backend.get_vpc(vpc_id)  # InvalidVpcID.NotFound, as AWS
        group = self.ec2_backend.create_security_group(
            self._get_param("GroupName"), self._get_param("Description"), vpc_id=self._get_param("VpcId"), tags=tags
        )
        result = {"GroupId": group.id, "SecurityGroupArn": group.arn}
        if tags:
            result["Tags"] = [{"Key": key, "Value": value} for key, value in tags.items()]
        return ActionResult(result)

    SecurityGroups.create_security_group = create_security_group
    _s3_folders_as_flow_log_destinations()


def _s3_folders_as_flow_log_destinations() -> None:
    from moto.ec2.models.flow_logs import FlowLogsBackend

    stored = FlowLogsBackend.create_flow_logs

    def create_flow_logs(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        destination = kwargs.get("log_destination")
        if kwargs.get("log_destination_type") != "s3" or not destination or "/" not in destination.split(":", 5)[-1]:
            return stored(self, *args, **kwargs)
        created, unsuccessful = stored(self, *args, **{**kwargs, "log_destination": destination.split("/", 1)[0]})
        for flow_log in created:
            flow_log.log_destination = destination
        return created, unsuccessful

    FlowLogsBackend.create_flow_logs = create_flow_logs
