"""ElastiCache DescribeEvents, and the region code in a replication group's endpoints.

AWS: the events of the last Duration minutes for a source (none is a valid answer). moto has no
handler and answers 500, so elasticache-controller v1.8.0, which reads events on every
CacheSubnetGroup (and CacheParameterGroup) reconcile, never syncs one, and the ReplicationGroup
waits on it. moto records no events, so an empty list is the true answer.

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
