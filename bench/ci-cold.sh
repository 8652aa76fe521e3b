#!/usr/bin/env bash
# A cold CI run, measured: `.ci/run` on a fresh clone of this repository's HEAD with every cache
# empty (the platform's binaries cache, Go's build and module caches, npm's and pip's), each line
# of its output stamped with the seconds since the start; then the stages' times. It builds
# everything from the registries: kube-apiserver and etcd, the 19 ACK controllers, Argo CD, moto.
#
#   bench/ci-cold.sh [WORK_DIR]      (default: a new folder under $TMPDIR; ../shared must be beside this repo)
#
# Takes an hour of both cores: run it on a quiet machine, nothing else building.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d "${TMPDIR:-/tmp}/ci-cold.XXXXXX")}
mkdir -p "$WORK"
[[ -z $(ls -A "$WORK") ]] || { echo "ci-cold: $WORK is not empty" >&2; exit 2; }

export PLATFORM_CACHE_DIR=$WORK/platform GOCACHE=$WORK/gocache GOMODCACHE=$WORK/gomod npm_config_cache=$WORK/npm PIP_CACHE_DIR=$WORK/pip
git clone -q "$REPO" "$WORK/repo"
ln -s "$(cd "$REPO/../shared" && pwd)" "$WORK/shared"
log=$WORK/ci.log
start=$(date +%s)
(cd "$WORK/repo" && bash .ci/run) 2>&1 | while IFS= read -r line; do printf '%5ds %s\n' $(($(date +%s) - start)) "$line"; done >"$log"
status=${PIPESTATUS[0]}
total=$(($(date +%s) - start))

# The stages, from the lines the scripts print when one ends.
grep -v 'go: downloading' "$log" | grep -E 'added [0-9]+ packages|installed in|built in|build done in|all controllers ready|unpacked in|passed|done in|stack up in|stacks up in' | sed 's/\x1b\[[0-9;]*m//g'
echo "ci-cold: exit $status, total $total s ($((total / 60)) min $((total % 60)) s); log: $log"
exit "$status"
