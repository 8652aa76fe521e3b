"""RDS DescribeEngineDefaultParameters.

AWS: the parameters of a parameter group family with their metadata (modifiable, apply type).
moto has no handler and answers 500. rds-controller v1.11.1 looks up every parameterOverrides key
there (unknown or unmodifiable keys are refused; static ones need a reboot), so no DBParameterGroup
syncs and every DBInstance waits on it. The answer below is the real metadata AWS lists for the
parameters the estate overrides, per family; a new override must be added here (the controller
then says "unknown parameter" for it, which the end-to-end test shows).
"""

# family → parameter → (apply type, data type, allowed values, default value), as AWS lists them.
ENGINE_DEFAULTS = {
    "postgres14": {
        "max_connections": ("static", "integer", "6-8388607", "LEAST({DBInstanceClassMemory/9531392},5000)"),
        "rds.force_ssl": ("dynamic", "boolean", "0,1", "0"),
        "ssl_min_protocol_version": ("dynamic", "string", "TLSv1,TLSv1.1,TLSv1.2,TLSv1.3", "TLSv1.2"),
    },
}


def apply() -> None:
    from moto.core.responses import ActionResult
    from moto.rds.responses import RDSResponse

    def describe_engine_default_parameters(self: RDSResponse) -> ActionResult:
        family = self._get_param("DBParameterGroupFamily")
        parameters = [
            {
                "ParameterName": name,
                "ParameterValue": default,
                "Source": "engine-default",
                "ApplyType": apply_type,
                "DataType": data_type,
                "AllowedValues": allowed,
                "IsModifiable": True,
                "ApplyMethod": "pending-reboot" if apply_type == "static" else "immediate",
            }
            for name, (apply_type, data_type, allowed, default) in sorted(ENGINE_DEFAULTS.get(family, {}).items())
        ]
        return ActionResult({"EngineDefaults": {"DBParameterGroupFamily": family, "Parameters": parameters}})

    RDSResponse.describe_engine_default_parameters = describe_engine_default_parameters
