# Sourced by the other scripts: picks a JDK >= 21 and installs the devnet's npm packages when missing;
# scripts/test also calls install_test_tools.
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

# Test tools from Debian's packages, installed once when missing (as root; otherwise one line says what to run):
# promtool (package prometheus) for the alert-rule tests, kubectl (kubernetes-client) for the manifest tests,
# chromium and chromedriver for the status page's browser test.
install_test_tools() {
  local missing=()
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || missing+=(chromium chromium-driver)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "crosswatch: installing test tools: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "crosswatch: missing test tools; install them: sudo apt-get install ${missing[*]}" >&2
  fi
}

pick_jdk
install_devnet
echo "crosswatch: using JDK at $JAVA_HOME ($(java_major "$JAVA_HOME"))" >&2
