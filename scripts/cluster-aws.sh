# shellcheck shell=bash
# `scripts/cluster up --aws`: the AWS emulator and the ACK controllers as local processes beside the
# cluster's kube-apiserver, all on 127.0.0.1, then the policy reconciler (scripts/cluster-reconciler.sh). Sourced by scripts/cluster (uses its start/stop/
# wait_for helpers and state folder). See docs/e2e.md.
#
# Settings (environment):
#   PLATFORM_AWS_ENV              environment whose account and region the controllers use (default: development)
#   PLATFORM_ACK_RESYNC_SECONDS   --reconcile-default-resync-seconds: how soon drift made on the
#                                 AWS side is seen and undone                (default: 30)

AWS_ENV=${PLATFORM_AWS_ENV:-development}
ACK_RESYNC_SECONDS=${PLATFORM_ACK_RESYNC_SECONDS:-30}
ACK_SYSTEM_NAMESPACE=ack-system
# Controllers whose runtime refuses --aws-endpoint-use-path-style are not given it: only S3 needs it.
PATH_STYLE_CONTROLLERS=(s3)

# environment_value KEY: aws.<KEY> of environments/<AWS_ENV>/environment.yaml (through node's yaml,
# the same parser synth uses).
environment_value() {
  local file=$REPO/environments/$AWS_ENV/environment.yaml
  [[ -f $file ]] || die "$file is missing (PLATFORM_AWS_ENV=$AWS_ENV)"
  (cd "$REPO" && node -e '
    const [file, key] = process.argv.slice(1);
    const value = require("yaml").parse(require("fs").readFileSync(file, "utf8"))?.aws?.[key];
    if (typeof value !== "string" || value === "") { console.error(`${file}: aws.${key} is missing`); process.exit(1); }
    console.log(value);
  ' "$file" "$1") || die "cannot read aws.$1 of $file"
}

# STS GetCallerIdentity answers the environment's account (the credential scope routes it to STS).
emulator_ready() {
  curl -sf --max-time 2 -X POST -d 'Action=GetCallerIdentity&Version=2011-06-15' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=emulator/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0' \
    "http://127.0.0.1:$AWS_PORT/" | grep -q "<Account>$AWS_ACCOUNT</Account>"
}

start_emulator() {
  local python
  python=$("$REPO/scripts/aws-emulator" python)
  START_EXE=$python start aws-emulator "$REPO/tools/aws-emulator/server.py" --host 127.0.0.1 --port "$AWS_PORT"
  wait_for aws-emulator emulator_ready
}

# The documented bootstrap (docs/bootstrap.md), steps 2 and 3: in the emulator's account, the role
# that ack-role-account-map names for it, with the committed trust and permissions policies; in the
# cluster, manifests/bootstrap (the ack-system namespace and the map), before the controllers start.
apply_bootstrap() {
  local dir=$REPO/manifests/bootstrap iam=$REPO/manifests/bootstrap/iam/$AWS_ENV role python
  if [[ ! -d $dir ]]; then
    log "warning: no $dir: namespaces with services.k8s.aws/owner-account-id will wait on ack-role-account-map"
    return
  fi
  role=$(cd "$REPO" && node -e '
    const [dir, account] = process.argv.slice(1);
    const fs = require("fs"), yaml = require("yaml");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")))
      for (const doc of yaml.parseAllDocuments(fs.readFileSync(`${dir}/${file}`, "utf8")).map((d) => d.toJS()))
        if (doc?.kind === "ConfigMap" && doc.metadata?.name === "ack-role-account-map" && doc.data?.[account]) console.log(doc.data[account]);
  ' "$dir" "$AWS_ACCOUNT")
  [[ $role == arn:aws:iam::$AWS_ACCOUNT:role/* ]] || die "$dir: ack-role-account-map has no role of account $AWS_ACCOUNT (found '$role')"
  if [[ -f $iam/trust-policy.json && -f $iam/permissions-policy.json ]]; then
    python=$("$REPO/scripts/aws-emulator" python)
    (cd "$REPO" && ROLE=${role##*/} TRUST=$iam/trust-policy.json PERMISSIONS=$iam/permissions-policy.json AWS_ENDPOINT_URL=http://127.0.0.1:$AWS_PORT \
      node -e '
        const fs = require("fs"), e = process.env;
        console.log(JSON.stringify([
          { service: "iam", operation: "create_role", params: { RoleName: e.ROLE, AssumeRolePolicyDocument: fs.readFileSync(e.TRUST, "utf8") } },
          { service: "iam", operation: "put_role_policy", params: { RoleName: e.ROLE, PolicyName: e.ROLE, PolicyDocument: fs.readFileSync(e.PERMISSIONS, "utf8") } },
        ]));' | AWS_ENDPOINT_URL=http://127.0.0.1:$AWS_PORT "$python" "$REPO/tools/aws-emulator/call.py" |
      node -e 'const a = JSON.parse(require("fs").readFileSync(0, "utf8")); const bad = a.filter((x) => x.error); if (bad.length) { console.error(JSON.stringify(bad)); process.exit(1); }' ||
      die "could not create $role in the emulator"; )
    log "created $role in the emulator ($iam)"
  fi
  kubectl --kubeconfig "$KUBECONFIG_FILE" apply --server-side --field-manager=scripts-cluster -f "$dir" >/dev/null
  log "applied $dir"
}

# controller_ready: the controller named by READY_CONTROLLER answers /readyz (wait_for takes a command, no argument).
controller_ready() { curl -sf --max-time 2 "http://$(cat "$STATE_DIR/$READY_CONTROLLER.healthz")/readyz" >/dev/null; }

start_controller() { # NAME BINARY METRICS_PORT HEALTHZ_PORT
  local name=$1 exe=$2 metrics=$3 healthz=$4 args
  printf '127.0.0.1:%s\n' "$healthz" >"$STATE_DIR/ack-$name.healthz"
  args=(--aws-region "$AWS_REGION" --aws-endpoint-url "http://127.0.0.1:$AWS_PORT"
    --aws-identity-endpoint-url "http://127.0.0.1:$AWS_PORT" --allow-unsafe-aws-endpoint-urls
    --metrics-addr "127.0.0.1:$metrics" --healthz-addr "127.0.0.1:$healthz"
    --reconcile-default-resync-seconds "$ACK_RESYNC_SECONDS" --log-level info)
  [[ " ${PATH_STYLE_CONTROLLERS[*]} " != *" $name "* ]] || args+=(--aws-endpoint-use-path-style)
  printf '%s\n' "$exe" >"$STATE_DIR/ack-$name.bin"   # for `scripts/cluster controller start`
  START_EXE=$exe start "ack-$name" "${args[@]}"
}

# aws_process_env: what the emulator and the controllers see: dummy credentials for the
# environment's account, no profile or CA bundle of this machine (with AWS_CA_BUNDLE set every
# reconcile fails), KUBECONFIG. Needs AWS_ACCOUNT and AWS_REGION.
aws_process_env() {
  unset AWS_CA_BUNDLE AWS_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL
  export AWS_ACCESS_KEY_ID=emulator AWS_SECRET_ACCESS_KEY=emulator AWS_REGION AWS_DEFAULT_REGION=$AWS_REGION
  export MOTO_ACCOUNT_ID=$AWS_ACCOUNT KUBECONFIG=$KUBECONFIG_FILE ACK_SYSTEM_NAMESPACE
}

aws_up() {
  local t name i built=() names=() bins=() ports=()
  t=$(now)
  mapfile -t built < <("$REPO/scripts/ack-controllers" build)   # name tag binary
  ((${#built[@]} > 0)) || die "scripts/ack-controllers build failed"
  "$REPO/scripts/aws-emulator" install
  log "controllers and emulator installed in $(since "$t")"
  AWS_ACCOUNT=$(environment_value accountId)
  AWS_REGION=$(environment_value region)
  read -r AWS_PORT < <(free_ports 1)
  save_state
  aws_process_env
  reconciler_bundle
  t=$(now)
  start_emulator
  log "AWS emulator ready on http://127.0.0.1:$AWS_PORT (account $AWS_ACCOUNT) in $(since "$t")"
  apply_bootstrap
  t=$(now)
  for i in "${built[@]}"; do names+=("${i%% *}"); bins+=("${i##* }"); done
  read -r -a ports < <(free_ports $((2 * ${#names[@]})))   # all at once: distinct while bound
  for i in "${!names[@]}"; do start_controller "${names[i]}" "${bins[i]}" "${ports[2 * i]}" "${ports[2 * i + 1]}"; done
  printf '%s\n' "${names[@]}" >"$STATE_DIR/ack-controllers"
  for name in "${names[@]}"; do
    READY_CONTROLLER=ack-$name
    wait_for "ack-$name" controller_ready
  done
  log "${#names[@]} ACK controllers ready in $(since "$t") (region $AWS_REGION, resync ${ACK_RESYNC_SECONDS}s)"
  reconciler_start
}

# Stops the policy reconciler and the controllers, then the emulator (whatever is recorded; idempotent).
aws_down() {
  local name names=() pid
  reconciler_stop
  if [[ -f $STATE_DIR/ack-controllers ]]; then
    mapfile -t names <"$STATE_DIR/ack-controllers"
    # SIGTERM to all first, so that their graceful shutdowns overlap; then wait for each.
    for name in "${names[@]}"; do if pid=$(pid_of "ack-$name"); then kill -TERM "$pid" 2>/dev/null || true; fi; done
    for name in "${names[@]}"; do stop "ack-$name"; done
    rm -f "$STATE_DIR/ack-controllers" "$STATE_DIR"/ack-*.healthz "$STATE_DIR"/ack-*.bin
  fi
  stop aws-emulator
}

aws_running() { [[ -n ${AWS_PORT:-} ]] && pid_of aws-emulator >/dev/null; }

aws_status() {
  aws_running || return 0
  local name count=0 down=()
  while read -r name; do
    if pid_of "ack-$name" >/dev/null; then count=$((count + 1)); else down+=("$name"); fi
  done <"$STATE_DIR/ack-controllers"
  printf 'aws emulator: http://127.0.0.1:%s (%s: account %s, region %s), ACK controllers running: %d%s\n' \
    "$AWS_PORT" "$AWS_ENV" "$AWS_ACCOUNT" "$AWS_REGION" "$count" "${down[*]:+, exited: ${down[*]}}"
  reconciler_status && ((${#down[@]} == 0))
}

# Faults on purpose (tests/e2e/faults.test.ts, docs/e2e.md "Faults"):

# aws_controller ACTION NAME: kill (SIGKILL, no graceful shutdown: a crash mid-reconcile), stop
# (SIGTERM), start (the same binary and arguments as `up`, waited for on /readyz) or restart
# (stop, then start) the ACK controller NAME (`s3`, `ec2`, ...: a line of ack-controllers).
aws_controller() {
  local action=$1 name=$2 pid
  aws_running || die "the AWS stack is not running; use 'scripts/cluster up --aws'"
  grep -qx "$name" "$STATE_DIR/ack-controllers" || die "no ACK controller '$name' (one of: $(paste -sd' ' "$STATE_DIR/ack-controllers"))"
  case $action in
    kill)
      pid=$(pid_of "ack-$name") || die "ack-$name is not running"
      kill -KILL "$pid"
      while exe_is "$pid" controller; do sleep 0.05; done
      rm -f "$STATE_DIR/ack-$name.pid"
      log "ack-$name (pid $pid) killed" ;;
    stop) stop "ack-$name"; log "ack-$name stopped" ;;
    start)
      ! pid_of "ack-$name" >/dev/null || die "ack-$name is already running (pid $(pid_of "ack-$name"))"
      local args=() t
      t=$(now)
      mapfile -t args <"$STATE_DIR/ack-$name.args"
      aws_process_env
      START_EXE=$(cat "$STATE_DIR/ack-$name.bin") start "ack-$name" "${args[@]}"
      READY_CONTROLLER=ack-$name
      wait_for "ack-$name" controller_ready
      log "ack-$name ready again in $(since "$t")" ;;
    restart) aws_controller stop "$name"; aws_controller start "$name" ;;
    *) die "controller: unknown action '$action' (kill, stop, start, restart)" ;;
  esac
}

# aws_restart_emulator: the emulator stopped and started again on the same port, so with an empty
# account (moto keeps its state in memory): the AWS side lost, Kubernetes and the controllers
# untouched. The bootstrap role is created again (an operator restoring access would do the same),
# so that the controllers can assume it and recreate what is missing.
aws_restart_emulator() {
  aws_running || die "the AWS stack is not running; use 'scripts/cluster up --aws'"
  local t
  t=$(now)
  stop aws-emulator
  aws_process_env
  start_emulator
  log "AWS emulator restarted empty on http://127.0.0.1:$AWS_PORT in $(since "$t")"
  apply_bootstrap
}
