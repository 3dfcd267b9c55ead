package crosswatch.image;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
    return Command.run(dir.toFile(), List.of(command)).filter(result -> result.exitCode() == 0)
        .map(result -> String.join("\n", result.stdout()).strip()).filter(output -> !output.isEmpty());
  }
}
