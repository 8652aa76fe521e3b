# shellcheck shell=bash
# `scripts/cluster up --aws --argocd`: Argo CD's application controller and repo server, Redis and a
# git daemon serving a throwaway copy of this repository, as local processes beside the cluster's
# kube-apiserver, all on 127.0.0.1. Sourced by scripts/cluster (uses its start/stop/wait_for
# helpers and state folder). See docs/delivery.md ("Argo CD in the test suite").
#
# Settings (environment):
#   PLATFORM_ARGOCD_RECONCILIATION_SECONDS  how often Argo CD compares every Application with git
#                                           (timeout.reconciliation; Argo CD's default is 120 s
#                                           plus up to 60 s of jitter)             (default: 10)

ARGOCD_NAMESPACE=argocd
ARGOCD_RECONCILIATION_SECONDS=${PLATFORM_ARGOCD_RECONCILIATION_SECONDS:-10}
# The served repository: <state>/argocd-git/<name>.git, at git://127.0.0.1:<port>/<name>.git.
ARGOCD_REPO_NAME=mycomputer-platform
# argocd-cmd-params-cm keys the controller reads at start, and the variable each one sets
# (what Argo CD's own install maps them to; only the keys manifests/argocd sets).
ARGOCD_CONTROLLER_PARAMS=('controller.sync.timeout.seconds=ARGOCD_APPLICATION_CONTROLLER_SYNC_TIMEOUT')

argocd_kubectl() { kubectl --kubeconfig "$KUBECONFIG_FILE" "$@"; }

# argocd_redis_ready: PING answered on the Redis port (bash's /dev/tcp in a subshell: no client needed).
argocd_redis_ready() {
  (
    exec 6<>"/dev/tcp/127.0.0.1/$ARGOCD_REDIS_PORT" && printf 'PING\r\n' >&6 && read -r -t 2 reply <&6 && [[ $reply == +PONG* ]]
  ) 2>/dev/null
}

argocd_git_ready() { git ls-remote "$ARGOCD_GIT_URL" HEAD >/dev/null 2>&1; }
argocd_repo_server_ready() { curl -sf --max-time 2 "http://127.0.0.1:$ARGOCD_REPO_METRICS_PORT/healthz" >/dev/null; }
argocd_controller_ready() { curl -sf --max-time 2 "http://127.0.0.1:$ARGOCD_CONTROLLER_METRICS_PORT/healthz" >/dev/null; }

# The served repository: this working tree as one commit on `main` above HEAD's history (tracked
# and untracked files that git does not ignore), so that uncommitted changes are tested too.
# Built in the bare repository itself (its own index), leaving this repository untouched.
argocd_serve_working_tree() {
  local bare=$ARGOCD_GIT_DIR/$ARGOCD_REPO_NAME.git tree
  rm -rf "$ARGOCD_GIT_DIR" && mkdir -p "$ARGOCD_GIT_DIR"
  git init --quiet --bare --initial-branch=main "$bare"
  git --git-dir="$bare" config receive.shallowUpdate true   # a CI checkout is often shallow
  git -C "$REPO" push --quiet "$bare" HEAD:refs/heads/main
  tree=$(
    export GIT_DIR=$bare GIT_WORK_TREE=$REPO GIT_INDEX_FILE=$bare/served-index
    git read-tree main && git add --all && git write-tree
  )
  if [[ $tree != "$(git --git-dir="$bare" rev-parse 'main^{tree}')" ]]; then
    git --git-dir="$bare" update-ref refs/heads/main \
      "$(git --git-dir="$bare" -c user.name=scripts-cluster -c user.email=scripts-cluster@localhost \
        commit-tree "$tree" -p main -m "Uncommitted changes of $REPO")"
  fi
  rm -f "$bare/served-index"
}

# Argo CD's own settings objects (normally installed by its manifests), and the `default` project.
argocd_apply_settings() {
  local key
  key=$(openssl rand -base64 32)   # signs Argo CD's tokens; generated per run, never written to git
  argocd_kubectl apply --server-side --field-manager=scripts-cluster -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata: { name: $ARGOCD_NAMESPACE }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: argocd-cm, namespace: $ARGOCD_NAMESPACE, labels: { app.kubernetes.io/name: argocd-cm, app.kubernetes.io/part-of: argocd } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: argocd-rbac-cm, namespace: $ARGOCD_NAMESPACE, labels: { app.kubernetes.io/name: argocd-rbac-cm, app.kubernetes.io/part-of: argocd } }
---
apiVersion: v1
kind: Secret
metadata: { name: argocd-secret, namespace: $ARGOCD_NAMESPACE, labels: { app.kubernetes.io/name: argocd-secret, app.kubernetes.io/part-of: argocd } }
stringData: { server.secretkey: "$key" }
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: { name: default, namespace: $ARGOCD_NAMESPACE }
spec:
  sourceRepos: ['*']
  destinations: [{ server: '*', namespace: '*' }]
  clusterResourceWhitelist: [{ group: '*', kind: '*' }]
EOF
}

# The controller's environment from argocd-cmd-params-cm as it is in the cluster now (read at start,
# as in Argo CD's install): prints NAME=value lines.
argocd_controller_params() {
  local entry key value
  for entry in "${ARGOCD_CONTROLLER_PARAMS[@]}"; do
    key=${entry%%=*}
    value=$(argocd_kubectl -n "$ARGOCD_NAMESPACE" get configmap argocd-cmd-params-cm --ignore-not-found \
      -o "jsonpath={.data.${key//./\\.}}")
    [[ -z $value ]] || printf '%s=%s\n' "${entry#*=}" "$value"
  done
}

# What both Argo CD processes see: the test cluster as "the cluster Argo CD runs in"
# (ARGOCD_FAKE_IN_CLUSTER: https://kubernetes.default.svc is the kubeconfig's API server, so the
# synthesized destinations work unchanged), the reconciliation period, no GPG, the wrappers on PATH,
# their clones in the data folder.
argocd_environment() {
  export KUBECONFIG=$KUBECONFIG_FILE ARGOCD_FAKE_IN_CLUSTER=true ARGOCD_GPG_ENABLED=false
  export ARGOCD_RECONCILIATION_TIMEOUT=${ARGOCD_RECONCILIATION_SECONDS}s ARGOCD_RECONCILIATION_JITTER=0s
  export PATH=$ARGOCD_BIN_DIR:$PATH TMPDIR=$DATA_DIR/argocd-tmp
  mkdir -p "$TMPDIR"
}

argocd_start_controller() {
  local params=() line
  while read -r line; do [[ -z $line ]] || params+=("$line"); done < <(argocd_controller_params)
  # tools/argocd/patches/controller-metrics-address.patch: upstream binds this listener to 0.0.0.0.
  (
    argocd_environment
    export ARGOCD_APPLICATION_CONTROLLER_METRICS_ADDRESS=127.0.0.1
    # Each resource's health in the Application's status, where tests read it (Argo CD 3 keeps it
    # in Redis by default and shows it through its API server, which does not run here).
    export ARGOCD_APPLICATION_CONTROLLER_PERSIST_RESOURCE_HEALTH=true
    ((${#params[@]} == 0)) || export "${params[@]}"
    START_EXE=$ARGOCD_BIN_DIR/argocd-application-controller start argocd-application-controller \
      --namespace "$ARGOCD_NAMESPACE" --kubeconfig "$KUBECONFIG_FILE" --redis "127.0.0.1:$ARGOCD_REDIS_PORT" \
      --repo-server "127.0.0.1:$ARGOCD_REPO_PORT" --repo-server-plaintext \
      --metrics-port "$ARGOCD_CONTROLLER_METRICS_PORT" --logformat text
  )
  wait_for argocd-application-controller argocd_controller_ready
  log "argocd application controller ready (${params[*]:-no argocd-cmd-params-cm})"
}

argocd_up() {
  local t redis
  t=$(now)
  "$REPO/scripts/argocd" build
  ARGOCD_BIN_DIR=$("$REPO/scripts/argocd" bin)
  redis=$("$REPO/scripts/argocd" redis)
  log "argocd and redis installed in $(since "$t")"
  read -r ARGOCD_REDIS_PORT ARGOCD_REPO_PORT ARGOCD_REPO_METRICS_PORT ARGOCD_CONTROLLER_METRICS_PORT ARGOCD_GIT_PORT < <(free_ports 5)
  ARGOCD_GIT_DIR=$STATE_DIR/argocd-git
  ARGOCD_GIT_URL=git://127.0.0.1:$ARGOCD_GIT_PORT/$ARGOCD_REPO_NAME.git
  save_state

  t=$(now)
  LD_LIBRARY_PATH=$(cat "$redis/library-path") START_EXE=$redis/usr/bin/redis-server start argocd-redis \
    --bind 127.0.0.1 --port "$ARGOCD_REDIS_PORT" --save '' --appendonly no --protected-mode yes
  wait_for argocd-redis argocd_redis_ready
  argocd_serve_working_tree
  START_EXE=$(git --exec-path)/git-daemon start argocd-git-daemon --listen=127.0.0.1 --port="$ARGOCD_GIT_PORT" \
    --base-path="$ARGOCD_GIT_DIR" --export-all --reuseaddr "$ARGOCD_GIT_DIR"
  wait_for argocd-git-daemon argocd_git_ready
  argocd_apply_settings
  (
    argocd_environment
    START_EXE=$ARGOCD_BIN_DIR/argocd-repo-server start argocd-repo-server \
      --address 127.0.0.1 --port "$ARGOCD_REPO_PORT" --metrics-address 127.0.0.1 --metrics-port "$ARGOCD_REPO_METRICS_PORT" \
      --redis "127.0.0.1:$ARGOCD_REDIS_PORT" --disable-tls --client-ca-path '' --logformat text
  )
  wait_for argocd-repo-server argocd_repo_server_ready
  argocd_start_controller
  log "argocd ready in $(since "$t"): $ARGOCD_GIT_URL served, reconciliation every ${ARGOCD_RECONCILIATION_SECONDS}s"
}

# Stops the controller, the repo server, the git daemon and Redis (whatever is recorded; idempotent).
argocd_down() {
  local name pid
  # The processes the tests' Deployment stand-in started (tests/e2e/support/argocd/deployment-stand-in.ts).
  for pid in "$STATE_DIR"/stand-in-*.pid; do
    [[ -e $pid ]] || continue
    name=$(basename "$pid" .pid)
    stop "$name"
    rm -f "$STATE_DIR/$name.exe"
  done
  for name in argocd-application-controller argocd-repo-server argocd-git-daemon argocd-redis; do stop "$name"; done
  # The repo server takes the permissions off its clones between uses.
  [[ -z ${DATA_DIR:-} || ! -d $DATA_DIR/argocd-tmp ]] || chmod -R u+rwx "$DATA_DIR/argocd-tmp"
  rm -rf "${ARGOCD_GIT_DIR:-$STATE_DIR/argocd-git}"
}

argocd_restart_controller() {
  stop argocd-application-controller
  argocd_start_controller
}

argocd_running() { [[ -n ${ARGOCD_REDIS_PORT:-} ]] && pid_of argocd-application-controller >/dev/null; }

argocd_status() {
  [[ -n ${ARGOCD_REDIS_PORT:-} ]] || return 0
  local name down=()
  for name in argocd-application-controller argocd-repo-server argocd-git-daemon argocd-redis; do
    pid_of "$name" >/dev/null || down+=("$name")
  done
  printf 'argocd: serving %s, redis 127.0.0.1:%s, repo server 127.0.0.1:%s%s\n' \
    "$ARGOCD_GIT_URL" "$ARGOCD_REDIS_PORT" "$ARGOCD_REPO_PORT" "${down[*]:+, exited: ${down[*]}}"
  ((${#down[@]} == 0))
}

argocd_env() {
  argocd_running || return 0
  printf 'export PLATFORM_TEST_ARGOCD_GIT_URL=%q\n' "$ARGOCD_GIT_URL"
  printf 'export PLATFORM_TEST_ARGOCD_GIT_DIR=%q\n' "$ARGOCD_GIT_DIR/$ARGOCD_REPO_NAME.git"
  printf 'export PLATFORM_TEST_ARGOCD_STATE_DIR=%q\n' "$STATE_DIR"
}
