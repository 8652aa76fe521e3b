"""RDS DescribeEngineDefaultParameters, and the shape of a DBInstance's endpoint address.

AWS: the parameters of a parameter group family with their metadata (modifiable, apply type).
moto has no handler and answers 500. rds-controller v1.11.1 looks up every parameterOverrides key
there (unknown or unmodifiable keys are refused; static ones need a reboot), so no DBParameterGroup
syncs and every DBInstance waits on it. The answer below is the real metadata AWS lists for the
parameters the estate overrides, per family; a new override must be added here (the controller
then says "unknown parameter" for it, which the end-to-end test shows).

Endpoint: AWS answers `<identifier>.<12 characters>.<region>.rds.amazonaws.com`, the 12 characters
fixed per account and region; moto answers `.aaaaaaaaaa.` (10). `platform bind` pins the address
and the environment checks refuse anything but AWS's shape, so the emulator answers AWS's, with
the 12 characters derived from the account and region.
"""
import hashlib

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

    from moto.rds.models import DBInstance

    def address(self: DBInstance) -> str:
        digest = hashlib.sha256(f"{self.account_id}/{self.region}".encode()).hexdigest()
        cluster = "".join("abcdefghijklmnopqrstuvwxyz0123456789"[int(digest[i:i + 2], 16) % 36] for i in range(0, 24, 2))
        return f"{self.db_instance_identifier}.{cluster}.{self.region}.rds.amazonaws.com"

    DBInstance.address = property(address)
