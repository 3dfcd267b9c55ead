package crosswatch.image;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command of this machine (jlink, ldd, dpkg, git, umoci, runc) run to its end. Its output goes to files, not
 * pipes, so that a chatty command never blocks on a full pipe.
 *
 * @param exitCode how it ended
 * @param stdout its standard output, line by line
 * @param stderr its error output
 */
record Command(int exitCode, List<String> stdout, String stderr) {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** Runs {@code command} in {@code dir} (null: this process's); empty when there is no such command. */
  static Optional<Command> run(File dir, List<String> command) {
    try {
      Path out = Files.createTempFile("command", ".out");
      Path err = Files.createTempFile("command", ".err");
      try {
        Process process;
        try {
          process = new ProcessBuilder(command).directory(dir).redirectOutput(out.toFile())
              .redirectError(err.toFile()).start();
        } catch (IOException noSuchCommand) {
          return Optional.empty();
        }
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT);
        }
        return Optional.of(new Command(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8)));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + command.getFirst() + " ran", e);
    }
  }

  /** Runs {@code command} and returns its output; throws unless it exists and exits 0. */
  static List<String> succeeds(List<String> command) {
    Command result = run(null, command)
        .orElseThrow(() -> new IllegalStateException("no " + command.getFirst() + " on this machine"));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ": "
          + result.stderr() + String.join("\n", result.stdout()));
    }
    return result.stdout();
  }
}
