"""ElastiCache DescribeEvents.

AWS: the events of the last Duration minutes for a source (none is a valid answer). moto has no
handler and answers 500, so elasticache-controller v1.8.0, which reads events on every
CacheSubnetGroup (and CacheParameterGroup) reconcile, never syncs one, and the ReplicationGroup
waits on it. moto records no events, so an empty list is the true answer.
"""


def apply() -> None:
    from moto.core.responses import ActionResult
    from moto.elasticache.responses import ElastiCacheResponse

    def describe_events(self: ElastiCacheResponse) -> ActionResult:
        return ActionResult({"Events": []})

    ElastiCacheResponse.describe_events = describe_events
