package crosswatch.image;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs a tool from Debian (umoci, runc) skips on a developer's machine without it, but fails in CI
 * ({@code CI=true}), where scripts/test installs it: a missing install step must not pass silently.
 */
final class ToolCheck {
  private ToolCheck() {}

  static void require(String... commands) {
    String path = System.getenv().getOrDefault("PATH", "");
    String[] missing = Arrays.stream(commands)
        .filter(c -> Arrays.stream(path.split(File.pathSeparator)).noneMatch(d -> Files.isExecutable(Path.of(d, c))))
        .toArray(String[]::new);
    if (missing.length == 0) {
      return;
    }
    String what = String.join(", ", missing) + " (scripts/env.sh install_image_tools installs them as root)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("missing in CI: " + what);
    }
    Assumptions.abort("not installed: " + what);
  }

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }
}
