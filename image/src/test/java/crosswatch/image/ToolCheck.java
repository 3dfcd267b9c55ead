package crosswatch.image;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs a tool from Debian (umoci, runc, prometheus) or root skips on a developer's machine without
 * it, but fails in CI ({@code CI=true}), where scripts/test installs it as root: a missing install step must not
 * pass silently.
 */
final class ToolCheck {
  private ToolCheck() {}

  static void require(String... commands) {
    String path = System.getenv().getOrDefault("PATH", "");
    String[] missing = Arrays.stream(commands)
        .filter(c -> Arrays.stream(path.split(File.pathSeparator)).noneMatch(d -> Files.isExecutable(Path.of(d, c))))
        .toArray(String[]::new);
    if (missing.length > 0) {
      skipOrFail("not installed: " + String.join(", ", missing) + " (scripts/test installs them as root)");
    }
  }

  /** runc makes containers and umoci gives their files owners only as root, as CI runs. */
  static void requireRoot() {
    try {
      if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
        skipOrFail("not root: runc and umoci need it");
      }
    } catch (IOException e) {
      skipOrFail("cannot tell whether this is root: " + e);
    }
  }

  private static void skipOrFail(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why + ", in CI");
    }
    Assumptions.abort(why);
  }
}
