# A pinned Python tool in a venv of its own, cached by content: sourced by scripts/aws-emulator
# and scripts/iam-lint, which set these before sourcing:
#   VENV_TOOL           the tool's name: the log prefix and the cache folder
#   VENV_REQUIREMENTS   its requirements file (pinned versions)
# and then call `venv_main "$@"` (subcommands `install` and `python`).
#
# The venv is $PLATFORM_CACHE_DIR/<tool>/venv-<hash of the requirements and the Python version>:
# a change to either installs into a new folder, and an unchanged one is reused as it is.
#
# Settings (environment):
#   PLATFORM_CACHE_DIR   where the venv lives   (default: $HOME/.cache/mycomputer-platform)
#   PLATFORM_PYTHON      the Python that creates the venv (default: python3)

VENV_CACHE_DIR=${PLATFORM_CACHE_DIR:-$HOME/.cache/mycomputer-platform}
VENV_PYTHON=${PLATFORM_PYTHON:-python3}

log() { printf '%s: %s\n' "$VENV_TOOL" "$*" >&2; }
die() { log "error: $*"; exit 1; }
now() { printf '%s' "${EPOCHREALTIME/[.,]/}"; }
since() { local d=$(( $(now) - $1 )); printf '%d.%01ds' $((d / 1000000)) $((d % 1000000 / 100000)); }

venv_dir() {
  command -v "$VENV_PYTHON" >/dev/null || die "$VENV_PYTHON is not installed ($VENV_TOOL needs Python 3.9+ with venv)"
  local hash
  hash=$({ cat "$VENV_REQUIREMENTS"; "$VENV_PYTHON" --version; } | sha256sum | cut -c1-12)
  printf '%s/%s/venv-%s\n' "$VENV_CACHE_DIR" "$VENV_TOOL" "$hash"
}

venv_install() {
  local venv t
  venv=$(venv_dir)
  [[ -f $venv/.installed ]] && return
  mkdir -p "$(dirname "$venv")"
  exec 7>"$(dirname "$venv")/install.lock"
  flock 7
  [[ -f $venv/.installed ]] && return
  t=$(now)
  log "installing $(grep -v '^#' "$VENV_REQUIREMENTS" | xargs) into $venv"
  rm -rf "$venv"
  # Created in place (a venv cannot be moved); .installed marks it complete.
  "$VENV_PYTHON" -m venv "$venv"
  nice -n 10 "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$VENV_REQUIREMENTS" ||
    { rm -rf "$venv"; die "pip install -r $VENV_REQUIREMENTS failed"; }
  "$venv/bin/pip" freeze --disable-pip-version-check >"$venv/.installed"
  log "installed in $(since "$t")"
}

venv_python() {
  venv_install
  printf '%s/bin/python\n' "$(venv_dir)"
}

# The venv's python when it is installed, else exit 1 (nothing is installed): for callers that
# skip rather than install.
venv_installed() {
  local venv
  venv=$(venv_dir)
  [[ -f $venv/.installed ]] || { log "not installed: no $venv (run \`$0 install\`)"; exit 1; }
  printf '%s/bin/python\n' "$venv"
}

# The calling script's header comment is its usage text.
venv_usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

venv_main() {
  case ${1:-} in
    install) venv_install ;;
    python) venv_python ;;
    *) venv_usage ;;
  esac
}
