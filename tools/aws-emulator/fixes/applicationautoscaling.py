"""Application Auto Scaling: DescribeScalingPolicies filters, and the RoleARN of scalable targets.

AWS: DescribeScalingPolicies returns the policies of the given ServiceNamespace whose PolicyName
is in PolicyNames, whose ResourceId equals ResourceId and whose ScalableDimension equals
ScalableDimension (each filter only when given). moto 5.2 ignores PolicyNames and compares
ResourceId as a substring ("service/c/customer-base" in "service/c/customer-base-frontend").
applicationautoscaling-controller v1.4.1 reads a new ScalingPolicy by PolicyNames before creating
it, finds another policy instead, and marks it Terminal: "This resource already exists but is not
managed by ACK". Filter as AWS does.

AWS also answers every scalable target registered without a RoleARN with the service-linked role
of its namespace (for ECS: aws-service-role/ecs.application-autoscaling.amazonaws.com/
AWSServiceRoleForApplicationAutoScaling_ECSService). moto answers no RoleARN, and
applicationautoscaling-controller v1.4.1 late-initializes spec.roleARN from it: without one it
requeues "Late initialization did not complete" forever and no ScalableTarget syncs.
"""
import json

# Service-linked role of each namespace the estate scales (path and name as AWS creates them).
SERVICE_LINKED_ROLES = {
    "ecs": "aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
}


def apply() -> None:
    from moto.applicationautoscaling import responses
    from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse, _build_policy

    build_target = responses._build_target

    def _build_target(target):  # the module's own helper, used by DescribeScalableTargets
        built = build_target(target)
        role = SERVICE_LINKED_ROLES.get(target.service_namespace)
        if not built.get("RoleARN") and role:
            account = target.arn.split(":")[4]
            built["RoleARN"] = f"arn:aws:iam::{account}:role/{role}"
        return built

    responses._build_target = _build_target

    def describe_scaling_policies(self: ApplicationAutoScalingResponse) -> str:
        backend = self.applicationautoscaling_backend
        names = self._get_param("PolicyNames") or []
        resource_id = self._get_param("ResourceId")
        dimension = self._get_param("ScalableDimension")
        policies = [
            p
            for p in backend.policies.values()
            if p.service_namespace == self._get_param("ServiceNamespace")
            and (not names or p.policy_name in names)
            and (not resource_id or p.resource_id == resource_id)
            and (not dimension or p.scalable_dimension == dimension)
        ]
        start = int(self._get_param("NextToken") or 0)
        end = start + (self._get_int_param("MaxResults") or 100)
        return json.dumps({
            "ScalingPolicies": [_build_policy(p) for p in policies[start:end]],
            "NextToken": str(end) if end < len(policies) else None,
        })

    ApplicationAutoScalingResponse.describe_scaling_policies = describe_scaling_policies
