"""ECS: a new service's tasks run, and its deployment completes.

AWS starts the tasks of a new service; once `runningCount` reaches `desiredCount` the PRIMARY
deployment's `rolloutState` is COMPLETED (or FAILED when the circuit breaker rolls it back).
moto runs no tasks: a new service reports `runningCount` from MOTO_ECS_SERVICE_RUNNING (default 0)
and its deployment IN_PROGRESS forever (UpdateService, by contrast, sets runningCount to the desired
count). Argo CD's health for an ECS Service (charts/delivery/health-checks.ts, `rollout`) keeps an
IN_PROGRESS deployment Progressing, so under Argo CD the services' wave would never complete.
Here every task starts, as it does in AWS once the workload's image is in its repository.
"""


def apply() -> None:
    from moto.ecs.models import Service

    original_init = Service.__init__

    def init(self: Service, *args, **kwargs) -> None:
        original_init(self, *args, **kwargs)
        self.running_count = self.desired_count
        self.pending_count = 0
        for deployment in self.deployments:
            deployment.update(
                runningCount=self.desired_count,
                pendingCount=0,
                rolloutState="COMPLETED",
                rolloutStateReason=f"ECS deployment {deployment['id']} completed.",
            )

    Service.__init__ = init
