# shellcheck shell=bash
# `scripts/cluster up --aws`, last step: the policy reconciler (controllers/policy-reconciler) as a
# local process against the cluster's kube-apiserver, configured as the environment's Deployment
# configures it, so that the end-to-end tests see the findings a real cluster would show. Sourced by
# scripts/cluster (uses its start/stop/wait_for helpers, state folder, AWS_ENV and KUBECONFIG).
# See docs/e2e.md.

# reconciler_env: KEY=VALUE lines of the plain `value` variables of the policy-reconciler
# Deployment in manifests/<AWS_ENV> (POLICY_SELECTOR, LOG_LEVEL, ...), then its namespace as
# POD_NAMESPACE. Variables taken from the pod (fieldRef) are given by reconciler_start.
reconciler_env() {
  local file=$REPO/manifests/$AWS_ENV/policy-reconciler.yaml
  [[ -f $file ]] || die "$file is missing: no policy reconciler to run for $AWS_ENV (npm run synth)"
  (cd "$REPO" && node -e '
    const file = process.argv[1];
    const docs = require("yaml").parseAllDocuments(require("fs").readFileSync(file, "utf8")).map((d) => d.toJS());
    const deployment = docs.find((d) => d?.kind === "Deployment" && d.metadata?.name === "policy-reconciler");
    const container = deployment?.spec?.template?.spec?.containers?.find((c) => c.name === "policy-reconciler");
    if (!container) { console.error(`${file}: no Deployment policy-reconciler with a container of that name`); process.exit(1); }
    for (const v of container.env ?? []) if (typeof v.value === "string") console.log(`${v.name}=${v.value}`);
    console.log(`POD_NAMESPACE=${deployment.metadata.namespace}`);
  ' "$file") || die "cannot read the policy reconciler's configuration from $file"
}

reconciler_ready() { curl -sf --max-time 2 "http://$(cat "$STATE_DIR/policy-reconciler.http")/readyz" >/dev/null; }

# reconciler_bundle: writes the reconciler's bundle in the background (a few seconds of esbuild that
# overlap the emulator's and the controllers' start); reconciler_start waits for it.
reconciler_bundle() {
  "$REPO/scripts/policy-reconciler" bundle "$STATE_DIR/policy-reconciler.js" &
  RECONCILER_BUNDLING=$!
}

# The reconciler's bundle (scripts/policy-reconciler, as the image builds it) started with the
# Deployment's variables, except: its HTTP server on a free loopback port, no leader election (one
# replica; the Lease's namespace only exists once the environment is applied), a local POD_NAME.
reconciler_start() {
  local t port bundle=$STATE_DIR/policy-reconciler.js vars=()
  t=$(now)
  wait "$RECONCILER_BUNDLING" || die "scripts/policy-reconciler bundle failed"
  mapfile -t vars < <(reconciler_env)
  read -r port < <(free_ports 1)
  printf '127.0.0.1:%s\n' "$port" >"$STATE_DIR/policy-reconciler.http"
  (
    export "${vars[@]}" HTTP_HOST=127.0.0.1 HTTP_PORT="$port" LEADER_ELECTION=false POD_NAME=policy-reconciler-local
    # scripts/policy-reconciler execs node: the recorded process is node.
    START_EXE=$REPO/scripts/policy-reconciler START_EXE_NAME=node start policy-reconciler start "$bundle"
  )
  wait_for policy-reconciler reconciler_ready
  log "policy reconciler ready on http://127.0.0.1:$port in $(since "$t") ($(printf '%s\n' "${vars[@]}" | grep '^POLICY_SELECTOR='))"
}

reconciler_stop() {
  stop policy-reconciler
  rm -f "$STATE_DIR/policy-reconciler.http"
}

reconciler_status() {
  if pid_of policy-reconciler >/dev/null; then
    printf 'policy reconciler: http://%s (pid %s)\n' "$(cat "$STATE_DIR/policy-reconciler.http")" "$(pid_of policy-reconciler)"
  else
    printf 'policy reconciler: not running (see %s/policy-reconciler.log)\n' "$STATE_DIR"
    return 1
  fi
}
