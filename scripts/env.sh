# Sourced by the other scripts: picks a JDK >= 21, installs the devnet's npm packages, promtool and kubectl when
# missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

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
  echo "crosswatch: no JDK 21 or newer found (set JAVA_HOME)" >&2
  return 1
}

install_devnet() {
  if [ ! -x "$ROOT/devnet/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" ]; then
    echo "crosswatch: installing the devnet's pinned npm packages (anvil, solc)" >&2
    (cd "$ROOT/devnet" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The alert-rule tests run `promtool check rules` / `promtool test rules`; Debian ships it in `prometheus`.
install_promtool() {
  command -v promtool >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "crosswatch: installing promtool (Debian package prometheus) for the alert-rule tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  else
    echo "crosswatch: promtool not found; install it (e.g. sudo apt-get install prometheus) or the alert-rule tests fail" >&2
  fi
}

# The manifest tests render k8s/overlays with `kubectl kustomize`; Debian ships kubectl in `kubernetes-client`.
install_kubectl() {
  command -v kubectl >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "crosswatch: installing kubectl (Debian package kubernetes-client) for the manifest tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
  else
    echo "crosswatch: kubectl not found; the manifest tests are skipped (apt-get install kubernetes-client)" >&2
  fi
}

pick_jdk
install_devnet
install_promtool
install_kubectl
echo "crosswatch: using JDK at $JAVA_HOME ($(java_major "$JAVA_HOME"))" >&2
