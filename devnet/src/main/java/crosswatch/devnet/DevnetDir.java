package crosswatch.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the devnet module lives on disk: the npm-installed anvil binary and the directories for process logs. */
final class DevnetDir {
  /** Set by surefire in the poms, and by scripts/demo. */
  static final String PROPERTY = "crosswatch.devnet.dir";

  private static final String ANVIL = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

  private DevnetDir() {}

  static Path root() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    // Run from the repository root (the demo) or from the module itself.
    Path fromRoot = Path.of("devnet");
    return (Files.isDirectory(fromRoot) ? fromRoot : Path.of("")).toAbsolutePath().normalize();
  }

  static Path anvilBinary() {
    Path anvil = root().resolve(ANVIL);
    if (!Files.isExecutable(anvil)) {
      throw new IllegalStateException("anvil is not installed at " + anvil
          + ": run (cd devnet && npm ci --no-audit --no-fund), or set -D" + PROPERTY);
    }
    return anvil;
  }

  /** {@code target/<name>} of the devnet module, created when missing: where child processes write their logs. */
  static Path logDir(String name) {
    Path dir = root().resolve("target").resolve(name);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
