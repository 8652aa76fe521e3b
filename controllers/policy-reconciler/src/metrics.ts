/** Prometheus metrics of the reconciler, on a registry of its own (injected; tests read it). */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class Metrics {
  readonly registry: Registry;
  readonly reconciles: Counter<'type' | 'result'>;
  readonly errors: Counter<'type' | 'class'>;
  readonly writes: Counter<'verb'>;
  readonly violations: Gauge<'policy' | 'kind' | 'verdict'>;
  readonly queueDepth: Gauge;
  readonly latency: Histogram<'type'>;
  readonly leader: Gauge;
  readonly informerRestarts: Counter<'kind'>;
  /** Read when /metrics is scraped; the controller points it at its queue. */
  queueDepthSource: () => number = () => 0;

  constructor(options: { registry?: Registry; defaultMetrics?: boolean } = {}) {
    this.registry = options.registry ?? new Registry();
    const registers = [this.registry];
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'policy_reconciler_' });
    this.reconciles = new Counter({ name: 'policy_reconciler_reconciles_total', help: 'Reconciles by key type and result (success, requeue, error).', labelNames: ['type', 'result'], registers });
    this.errors = new Counter({ name: 'policy_reconciler_errors_total', help: 'Reconcile errors by key type and class (conflict, notFound, retryable, rejected).', labelNames: ['type', 'class'], registers });
    this.writes = new Counter({ name: 'policy_reconciler_api_writes_total', help: 'Write requests sent to the API server, by verb (apply, event, status, lease).', labelNames: ['verb'], registers });
    this.violations = new Gauge({ name: 'policy_reconciler_resources', help: 'Covered resources of each policy by verdict (compliant, violating, notVerified), as last written to its status.', labelNames: ['policy', 'kind', 'verdict'], registers });
    const source = () => this.queueDepthSource();
    this.queueDepth = new Gauge({
      name: 'policy_reconciler_queue_depth',
      help: 'Keys waiting in the work queue.',
      registers,
      collect() {
        this.set(source());
      },
    });
    this.latency = new Histogram({ name: 'policy_reconciler_reconcile_duration_seconds', help: 'Duration of reconcile(key), by key type.', labelNames: ['type'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers });
    this.leader = new Gauge({ name: 'policy_reconciler_leader', help: '1 while this replica holds the Lease.', registers });
    this.informerRestarts = new Counter({ name: 'policy_reconciler_informer_restarts_total', help: 'Informer restarts after a watch or list error, by kind.', labelNames: ['kind'], registers });
  }

  /** Sum of a counter's values (tests and the benchmark). */
  async total(counter: Counter<string>, labels: Record<string, string> = {}): Promise<number> {
    const { values } = await counter.get();
    return values.filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want)).reduce((sum, v) => sum + v.value, 0);
  }
}
