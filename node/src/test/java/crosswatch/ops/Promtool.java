package crosswatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the promtool binary from k8s/monitoring, where the unit tests' relative rule_files resolve. */
final class Promtool {

  private static final long TIMEOUT_SECONDS = 60;

  private Promtool() {}

  /** Runs promtool with the arguments and asserts exit 0, showing promtool's own output when it is not. */
  static void succeeds(String... args) {
    Result result = run(List.of(args));
    assertThat(result.exitCode()).as("promtool %s exited %d:%n%s", String.join(" ", args), result.exitCode(),
        result.output()).isZero();
  }

  static Result run(List<String> args) {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(args);
    Path output = null;
    try {
      output = Files.createTempFile("promtool", ".out");
      // Output goes to a file, not a pipe, so a chatty promtool can never block on a full pipe buffer.
      Process process = startOrExplain(new ProcessBuilder(command).directory(Monitoring.DIR.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile()));
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool " + args + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while promtool ran", e);
    } finally {
      deleteQuietly(output);
    }
  }

  private static Process startOrExplain(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new AssertionError("promtool is not on the PATH. Source scripts/env.sh as root (it installs the Debian "
          + "package prometheus) or run: apt-get install --no-install-recommends prometheus", e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }

  record Result(int exitCode, String output) {}
}
