package crosswatch.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The C libraries a Java runtime's native code links against (glibc and the dynamic loader), found with
 * {@code ldd} on this machine: the image holds exactly those files, at the paths the loader looks in.
 */
final class SharedLibraries {
  /** {@code libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)} or {@code /lib64/ld-linux-x86-64.so.2 (0x...)}. */
  private static final Pattern RESOLVED = Pattern.compile("^\\s*(?:\\S+ => )?(/\\S+) \\(0x[0-9a-f]+\\)$");
  private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+) => not found$");
  /** Loaded by the launcher from the runtime itself before any library that names it. */
  private static final Set<String> FROM_THE_RUNTIME = Set.of("libjvm.so");

  private SharedLibraries() {}

  /** Absolute paths on this machine of every library the runtime's executables and libraries need. */
  static Set<Path> of(Path runtime) {
    List<String> command = new ArrayList<>(List.of("ldd"));
    try (Stream<Path> files = Files.walk(runtime)) {
      files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".so") || Files.isExecutable(f))
          .map(Path::toString).sorted().forEach(command::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<Path> libraries = new TreeSet<>();
    for (String line : ldd(command)) {
      Matcher resolved = RESOLVED.matcher(line);
      Matcher notFound = NOT_FOUND.matcher(line);
      if (resolved.matches()) {
        Path library = Path.of(resolved.group(1));
        if (!library.startsWith(runtime)) {
          libraries.add(library);
        }
      } else if (notFound.matches() && !FROM_THE_RUNTIME.contains(notFound.group(1))) {
        throw new IllegalStateException("the runtime needs " + notFound.group(1) + ", which this machine lacks");
      }
    }
    if (libraries.isEmpty()) {
      throw new IllegalStateException("ldd found no C library for " + runtime + ": is this a glibc Linux?");
    }
    return libraries;
  }

  /**
   * Where a library lands in the image: {@code /lib} and {@code /lib64} are links into {@code /usr} (as in
   * Debian), so every file lives under {@code usr/}.
   */
  static String imagePath(Path library) {
    String path = library.toString();
    if (path.startsWith("/lib/") || path.startsWith("/lib64/")) {
      return "usr" + path;
    }
    if (path.startsWith("/usr/")) {
      return path.substring(1);
    }
    throw new IllegalStateException("a library outside /lib, /lib64 and /usr: " + library);
  }

  private static List<String> ldd(List<String> command) {
    // ldd exits 1 when one of the files is not dynamic (a script, a data file): its other answers still count.
    return Command.run(null, command).map(Command::stdout)
        .orElseThrow(() -> new IllegalStateException("no ldd on this machine (package libc-bin)"));
  }
}
