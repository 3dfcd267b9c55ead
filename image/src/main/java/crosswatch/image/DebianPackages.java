package crosswatch.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * For the libraries copied from this machine's Debian packages: each package's copyright file (glibc's licence
 * asks for it) and its dpkg status, in {@code var/lib/dpkg/status.d/} where image scanners look for what a
 * distroless image holds. Empty on a machine without dpkg.
 */
final class DebianPackages {
  private DebianPackages() {}

  /** Image path to a file written under {@code staging}, for every package owning one of the libraries. */
  static Map<String, Path> notes(Set<Path> libraries, Path staging) {
    Map<String, Path> files = new TreeMap<>();
    List<String> search = new ArrayList<>(List.of("dpkg", "-S"));
    libraries.forEach(library -> search.add(library.toString()));
    Set<String> packages = new TreeSet<>();
    for (String line : run(search)) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        packages.add(line.substring(0, colon).split(",")[0].strip());
      }
    }
    for (String pkg : packages) {
      String name = pkg.replaceAll(":.*", "");
      Path status = staging.resolve("status.d").resolve(name);
      write(status, String.join("\n", run(List.of("dpkg-query", "-s", pkg))) + "\n");
      files.put("var/lib/dpkg/status.d/" + name, status);
      Path copyright = Path.of("/usr/share/doc", name, "copyright");
      if (Files.isRegularFile(copyright)) {
        files.put("usr/share/doc/" + name + "/copyright", copyright);
      }
    }
    return files;
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command's output lines; none when the command does not exist. */
  private static List<String> run(List<String> command) {
    try {
      Path output = Files.createTempFile("dpkg", ".out");
      try {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(command.getFirst() + " did not finish within 60 s");
        }
        return Files.readAllLines(output, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException noDpkg) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + command.getFirst() + " ran", e);
    }
  }
}
