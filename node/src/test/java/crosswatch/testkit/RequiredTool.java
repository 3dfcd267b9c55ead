package crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs an external tool (kubectl, chromium) skips on a developer's machine without it, but fails in
 * CI ({@code CI=true}), where scripts/test installs it: a missing install step must not pass silently.
 */
public final class RequiredTool {
  private RequiredTool() {}

  public static void require(boolean available, String what) {
    if (available) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(what + " is missing in CI: scripts/test installs it");
    }
    Assumptions.abort(what + " is not installed (scripts/test installs it)");
  }
}
