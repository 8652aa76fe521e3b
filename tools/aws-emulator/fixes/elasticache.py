"""ElastiCache DescribeEvents, ModifyCacheSubnetGroup, and the region code in a replication
group's endpoints.

AWS: the events of the last Duration minutes for a source (none is a valid answer). moto has no
handler and answers 500, so elasticache-controller v1.8.0, which reads events on every
CacheSubnetGroup (and CacheParameterGroup) reconcile, never syncs one, and the ReplicationGroup
waits on it. moto records no events, so an empty list is the true answer.

ModifyCacheSubnetGroup: AWS replaces the group's subnets (and description); moto has no handler
and answers 500. elasticache-controller v1.8.0 calls it when the subnet ids of its references
change: after the emulator restarted empty, the subnets came back under new ids and the
CacheSubnetGroup (and the ReplicationGroup waiting on it) never synced again.

Endpoints: AWS names them `master.<group>.<6 characters>.<region code>.cache.amazonaws.com`, the
code of the group's region (eu-west-1 → euw1); moto writes `use1` whatever the region.
`platform bind` pins the primary endpoint and the environment checks refuse another region's, so
the emulator writes the region's code.
"""
import re


def apply() -> None:
    from moto.core.responses import ActionResult
    from moto.elasticache.responses import ElastiCacheResponse

    def describe_events(self: ElastiCacheResponse) -> ActionResult:
        return ActionResult({"Events": []})

    ElastiCacheResponse.describe_events = describe_events
    _modify_cache_subnet_group()

    from moto.elasticache.models import ReplicationGroup

    original = ReplicationGroup.__init__

    def init(self: ReplicationGroup, account_id: str, region_name: str, *args, **kwargs) -> None:
        original(self, account_id, region_name, *args, **kwargs)
        area, direction, number = region_name.split("-")
        code = area + "".join(part[0] for part in re.findall("north|south|east|west|central", direction)) + number
        fix = lambda address: address.replace(".use1.cache.amazonaws.com", f".{code}.cache.amazonaws.com")
        for group in self.node_groups:
            for key in ("primary_endpoint_address", "reader_endpoint_address"):
                if key in group:
                    group[key] = fix(group[key])
            for key in ("primary_endpoint", "reader_endpoint"):
                if isinstance(group.get(key), dict):
                    group[key]["address"] = fix(group[key]["address"])
        if getattr(self, "configuration_endpoint", None):
            self.configuration_endpoint["address"] = fix(self.configuration_endpoint["address"])

    ReplicationGroup.__init__ = init


def _modify_cache_subnet_group() -> None:
    from moto.core.responses import ActionResult
    from moto.elasticache.models import CacheSubnetGroup
    from moto.elasticache.responses import ElastiCacheResponse

    def modify_cache_subnet_group(self: ElastiCacheResponse) -> ActionResult:
        backend = self.elasticache_backend
        name = self._get_param("CacheSubnetGroupName")
        [current] = backend.describe_cache_subnet_groups(cache_subnet_group_name=name)  # CacheSubnetGroupNotFoundFault
        # The group as CreateCacheSubnetGroup would make it with the new subnets; tags stay.
        group = CacheSubnetGroup(
            account_id=backend.account_id,
            region_name=backend.region_name,
            cache_subnet_group_name=name,
            cache_subnet_group_description=self._get_param("CacheSubnetGroupDescription") or current.cache_subnet_group_description,
            subnet_ids=self._get_param("SubnetIds", []) or current.subnet_ids,
            tags=current.tags,
        )
        backend.cache_subnet_groups[name] = group
        return ActionResult({"CacheSubnetGroup": group})

    ElastiCacheResponse.modify_cache_subnet_group = modify_cache_subnet_group
