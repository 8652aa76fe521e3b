"""RDS DescribeEngineDefaultParameters; the shape of a DBInstance's endpoint address; cross-region
read replicas' parameter group, subnet group and their own settings; promotion; a DB instance's own resource id;
KMS keys that do not exist.

DescribeEngineDefaultParameters. AWS: the parameters of a parameter group family with their metadata (modifiable, apply type).
moto has no handler and answers 500. rds-controller v1.11.1 looks up every parameterOverrides key
there (unknown or unmodifiable keys are refused; static ones need a reboot), so no DBParameterGroup
syncs and every DBInstance waits on it. The answer below is the real metadata AWS lists for the
parameters the estate overrides, per family; a new override must be added here (the controller
then says "unknown parameter" for it, which the end-to-end test shows).

Endpoint: AWS answers `<identifier>.<12 characters>.<region>.rds.amazonaws.com`, the 12 characters
fixed per account and region; moto answers `.aaaaaaaaaa.` (10). `platform bind` pins the address
and the environment checks refuse anything but AWS's shape, so the emulator answers AWS's, with
the 12 characters derived from the account and region.

Cross-region read replica. AWS (CreateDBInstanceReadReplica, DBParameterGroupName): without a
group named, a same-region replica takes its source's group, a cross-region replica the default
group of the engine's family in its own region. moto copies the source instance, group name
included, into the replica's region, where no group of that name exists: every
DescribeDBInstances of that region then answers 500 (KeyError), and rds-controller v1.11.1 never
syncs production's DR replicas (customers-db-dr, payments-db-dr in eu-central-1).

Cross-region read replica's subnet group. AWS: DBSubnetGroupName names a group of the replica's
region. moto copies the source instance and sets the request's fields on the copy one by one, its
region (the backend) last: the subnet group is looked up in the source's region and the request
fails with DBSubnetGroupNotFoundFault, so production's DR replicas never sync in their subnets.
The region is set first.

Read replica's own settings. AWS: a replica is an instance of its own; changing its settings
leaves its source alone, and it exports the logs its own request names (none unless asked). moto's replica is a shallow copy of the source and shares its lists
(enabled CloudWatch log exports, security groups, tags...): rds-controller v1.11.1 disabling the
replica's log exports emptied the primary's too, and the two objects then undid each other at every
resync (neither ever synced). The replica gets copies of them.

Promotion. AWS (PromoteReadReplica): the replica becomes a standalone instance; it reports no
ReadReplicaSourceDBInstanceIdentifier any more, and its source no longer lists it. moto only clears
its replica flag and keeps both links: a promoted DR database still reports its source, as if the
promotion had not happened (tests/e2e/failover.test.ts). Both links are cut.

DbiResourceId. AWS: "the AWS Region-unique, immutable identifier for the DB instance", a new one
for every instance created, also under an identifier used before. moto gives every instance the
same constant (`db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U`), so an instance deleted and created again looks
like the old one: the policy reconciler's recreation check (policy/recreation.ts) reads
`status.dbiResourceID` and would never see it. Each instance gets `db-` and 26 random characters
of AWS's alphabet (upper-case letters and digits).

KMS keys that do not exist. AWS refuses CreateDBInstance when `KmsKeyId` or
`MasterUserSecretKmsKeyId` names a key it cannot find (KMSKeyNotAccessibleFault). moto stores the
id; then every DescribeDBInstances of the region answers 500 (KeyError on the master user secret's
key). After the emulator restarted empty, rds-controller v1.11.1 created the databases with the
keys' old ARNs (the Key objects' status still named them) and none of the four synced again. With
AWS's answer the controller retries until the references name the new keys.
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
    _replicas_of_their_own()
    _resource_ids_of_their_own()
    _promotion_ends_replication()
    _kms_keys_that_exist()


def _resource_ids_of_their_own() -> None:
    import secrets
    import string

    from moto.rds.models import DBInstance

    init = DBInstance.__init__

    def __init__(self: DBInstance, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        alphabet = string.ascii_uppercase + string.digits
        self.dbi_resource_id = "db-" + "".join(secrets.choice(alphabet) for _ in range(26))

    DBInstance.__init__ = __init__


def _replicas_of_their_own() -> None:
    import copy

    from moto.rds.models import RDSBackend

    create_replica = RDSBackend.create_db_instance_read_replica

    def create_db_instance_read_replica(self: RDSBackend, db_kwargs: dict) -> object:
        source = db_kwargs["source_db_instance_identifier"]
        cross_region = bool(self.arn_regex.match(source)) and source.split(":")[3] != self.region_name
        if cross_region:
            # The replica's region first: its subnet group is looked up there as it is set.
            db_kwargs = {"backend": self, **{key: value for key, value in db_kwargs.items() if key != "backend"}}
        replica = create_replica(self, db_kwargs)
        for name, value in list(vars(replica).items()):
            if isinstance(value, (list, dict, set)) and value is getattr(self.find_db_from_id(source), name, None):
                setattr(replica, name, copy.copy(value))
        if cross_region and not db_kwargs.get("db_parameter_group_name"):
            replica.db_parameter_group_name = None  # moto answers the family's default group
        # Log exports are the replica's own, from its request (EnableCloudwatchLogsExports), not
        # its source's: a copied export would write to a log group the estate does not own.
        replica.enabled_cloudwatch_logs_exports = list(db_kwargs.get("enable_cloudwatch_logs_exports") or [])
        return replica

    RDSBackend.create_db_instance_read_replica = create_db_instance_read_replica


def _promotion_ends_replication() -> None:
    from moto.rds.models import RDSBackend, rds_backends

    promote = RDSBackend.promote_read_replica

    def promote_read_replica(self: RDSBackend, db_kwargs: dict) -> object:
        database = self.databases.get(db_kwargs["db_instance_identifier"])
        source = getattr(database, "source_db_instance_identifier", None) if database is not None and database.is_replica else None
        promoted = promote(self, db_kwargs)
        if source:
            # The source by ARN (cross-region: `arn:aws:rds:<region>:<account>:db:<id>`) or by identifier here.
            parts = source.split(":")
            backend = rds_backends[self.account_id][parts[3]] if source.startswith("arn:") else self
            primary = backend.databases.get(parts[-1] if source.startswith("arn:") else source)
            if primary is not None:
                primary.replicas = [r for r in primary.replicas if r not in (promoted.db_instance_arn, promoted.db_instance_identifier)]
            promoted.source_db_instance_identifier = None
        return promoted

    RDSBackend.promote_read_replica = promote_read_replica


def _kms_keys_that_exist() -> None:
    from moto.kms.models import kms_backends
    from moto.rds.exceptions import KMSKeyNotAccessibleFault
    from moto.rds.models import RDSBackend

    create = RDSBackend.create_db_instance

    def create_db_instance(self: RDSBackend, db_kwargs: dict) -> object:
        kms = kms_backends[self.account_id][self.region_name]
        for key in ("kms_key_id", "master_user_secret_kms_key_id"):
            key_id = db_kwargs.get(key)
            if not key_id:
                continue
            try:
                kms.describe_key(key_id)
            except Exception:
                raise KMSKeyNotAccessibleFault(key_id)
        return create(self, db_kwargs)

    RDSBackend.create_db_instance = create_db_instance
