# Sourced by the other scripts: picks a JDK >= 21 and installs the devnet's npm packages when missing;
# scripts/test also calls install_test_tools, scripts/demo install_demo_tools, scripts/image install_image_tools.
# What the scripts say is one key=value line per event, in the node's log format.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# say LEVEL message key=value...: one log line on stderr.
say() {
  local level="$1"
  shift
  printf 'ts=%s level=%s logger=%s thread=main %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$level" \
    "$(basename "$0")" "$*" >&2
}

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}' | cut -d. -f1; }

pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" $(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")" 2>/dev/null) /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  say ERROR 'no JDK 21 or newer found: set JAVA_HOME'
  return 1
}

# JDK 24 and later warn when a library uses sun.misc.Unsafe's memory access (the node's ProtoStream does). The
# option exists from JDK 23 on; JDK 21 and 22 refuse to start with it. (Maven's own JVM, whose Guava does the
# same, gets it from .mvn/jvm.config.)
quiet_jvm_options() {
  if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then
    echo "--sun-misc-unsafe-memory-access=allow"
  fi
}

install_devnet() {
  if [ ! -x "$ROOT/devnet/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" ]; then
    say INFO "installing the devnet's pinned npm packages packages=anvil,solc"
    (cd "$ROOT/devnet" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# apt_install package...: installs Debian packages as root; otherwise says what to run and returns 1.
apt_install() {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say INFO "installing Debian packages packages=$(IFS=,; echo "$*")"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    say WARN "missing Debian packages packages=$(IFS=,; echo "$*") install=\"sudo apt-get install --no-install-recommends $*\""
    return 1
  fi
}

# Test tools from Debian's packages, installed once when missing (as root; otherwise one line says what to run):
# promtool and prometheus (package prometheus) for the alert-rule and Prometheus server tests, kubectl
# (kubernetes-client) for the manifest tests, chromium and chromedriver for the status page's browser test, and
# what the image tests need (install_image_tools).
install_test_tools() {
  local missing=()
  command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
  command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || missing+=(chromium chromium-driver)
  missing+=($(missing_image_tools))
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}" || true
}

# The demo's Prometheus server; the demo runs without it when it cannot be installed.
install_demo_tools() {
  command -v prometheus >/dev/null 2>&1 || apt_install prometheus || true
}

# The image tests unpack the image with umoci and run its replicas with runc (the OCI runtime under Docker and
# Kubernetes; crun 1.8 refuses hybrid cgroup v1/v2 machines such as these).
missing_image_tools() {
  command -v umoci >/dev/null 2>&1 || echo umoci
  command -v runc >/dev/null 2>&1 || echo runc
}

install_image_tools() {
  local missing=($(missing_image_tools))
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}" || true
}

pick_jdk
install_devnet
QUIET_JVM_OPTIONS="$(quiet_jvm_options)"
say INFO "using a JDK javaHome=$JAVA_HOME version=$(java_major "$JAVA_HOME")"
