package crosswatch.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
      BuildFiles.write(status, String.join("\n", run(List.of("dpkg-query", "-s", pkg))) + "\n");
      files.put("var/lib/dpkg/status.d/" + name, status);
      Path copyright = Path.of("/usr/share/doc", name, "copyright");
      if (Files.isRegularFile(copyright)) {
        files.put("usr/share/doc/" + name + "/copyright", copyright);
      }
    }
    return files;
  }

  /** The command's output lines; none on a machine without dpkg. */
  private static List<String> run(List<String> command) {
    return Command.run(null, command).map(Command::stdout).orElse(List.of());
  }
}
