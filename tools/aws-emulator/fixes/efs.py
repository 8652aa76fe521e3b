"""EFS: DescribeReplicationConfigurations, PutBackupPolicy and file system protection.

AWS: for a file system without replication it answers 404 ReplicationNotFound ("No replication
configuration found"); without a FileSystemId, the list of replications (none here). moto has no
handler and answers 500, so efs-controller v1.4.1 (which reads replication on every FileSystem
reconcile and treats ReplicationNotFound as "none") never syncs a FileSystem, and its MountTargets
wait on it. moto never replicates, so "none" is always the true answer.
"""
import json


def apply() -> None:
    from moto.efs.exceptions import EFSError, FileSystemNotFound
    from moto.efs.responses import EFSResponse

    class ReplicationNotFound(EFSError):
        code = 404

        def __init__(self, file_system_id: str):
            super().__init__("ReplicationNotFound", f"No replication configuration found for file system '{file_system_id}'.")

    def describe_replication_configurations(self: EFSResponse):
        file_system_id = self._get_param("FileSystemId")
        if file_system_id:
            if file_system_id not in self.efs_backend.file_systems_by_id:
                raise FileSystemNotFound(file_system_id)
            raise ReplicationNotFound(file_system_id)
        return json.dumps({"Replications": []}), {"status": 200, "Content-Type": "application/json"}

    def put_backup_policy(self: EFSResponse):
        file_system_id = self._get_param("FileSystemId")
        if file_system_id not in self.efs_backend.file_systems_by_id:
            raise FileSystemNotFound(file_system_id)
        status = (self._get_param("BackupPolicy") or {}).get("Status", "DISABLED")
        self.efs_backend.file_systems_by_id[file_system_id]._backup = status in ("ENABLED", "ENABLING")
        return json.dumps({"BackupPolicy": {"Status": status}}), {"status": 200, "Content-Type": "application/json"}

    def update_file_system_protection(self: EFSResponse):
        file_system_id = self._get_param("FileSystemId")
        if file_system_id not in self.efs_backend.file_systems_by_id:
            raise FileSystemNotFound(file_system_id)
        value = self._get_param("ReplicationOverwriteProtection") or "ENABLED"
        self.efs_backend.file_systems_by_id[file_system_id]._protection = value
        return json.dumps({"ReplicationOverwriteProtection": value}), {"status": 200, "Content-Type": "application/json"}

    from moto.efs import urls
    from moto.efs.models import FileSystem

    urls.url_paths["/2015-02-01/file-systems/<file_system_id>/protection"] = urls.response.dispatch
    info_json = FileSystem.info_json

    def info_json_with_protection(self: FileSystem):
        return {**info_json(self), "FileSystemProtection": {"ReplicationOverwriteProtection": getattr(self, "_protection", "ENABLED")}}

    FileSystem.info_json = info_json_with_protection
    EFSResponse.update_file_system_protection = update_file_system_protection
    EFSResponse.describe_replication_configurations = describe_replication_configurations
    EFSResponse.put_backup_policy = put_backup_policy
