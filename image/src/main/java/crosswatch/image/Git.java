package crosswatch.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The commit the image is built from: its id (the revision label) and its time (the image's creation time, so
 * that building a commit twice gives the same image), and the origin remote (the source label).
 */
record Git(String revision, Instant commitTime, Optional<String> origin) {
  /** The checkout around {@code dir}, or empty outside one (a source archive) or without git. */
  static Optional<Git> of(Path dir) {
    Optional<String> head = run(dir, "git", "log", "-1", "--format=%H %ct");
    if (head.isEmpty()) {
      return Optional.empty();
    }
    String[] fields = head.get().split(" ");
    Optional<String> origin = run(dir, "git", "remote", "get-url", "origin").map(Git::withoutCredentials);
    return Optional.of(new Git(fields[0], Instant.ofEpochSecond(Long.parseLong(fields[1])), origin));
  }

  /** An https remote may carry a token: {@code https://user:token@host/x} becomes {@code https://host/x}. */
  static String withoutCredentials(String url) {
    return url.replaceFirst("^(\\w+://)[^/@]+@", "$1");
  }

  private static Optional<String> run(Path dir, String... command) {
    try {
      Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 && !output.isEmpty() ? Optional.of(output) : Optional.empty();
    } catch (IOException noGit) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
