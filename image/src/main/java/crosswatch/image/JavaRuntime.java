package crosswatch.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java runtime with only the modules Crosswatch needs, made by {@code jlink} from the JDK running the build
 * (a JDK without {@code jmods}, such as Temurin 24+, links from its own run-time image). jlink's output is the same
 * for the same JDK and options, so it is cached under their digest and made once per JDK.
 */
final class JavaRuntime {
  /**
   * Native libraries of java.desktop that need X11 or ALSA, which the image does not have: Crosswatch uses
   * java.desktop only for java.beans (through its libraries) and runs headless.
   */
  private static final String EXCLUDED_FILES =
      "**/libawt_xawt.so,**/libsplashscreen.so,**/libjsound.so,**/libjawt.so";

  /** Part of the cache key: a runtime linked another way may hold other bytes. */
  private static final String HOW = "jlink in a process of its own";

  private JavaRuntime() {}

  /** The runtime's directory in the cache, linked first when it is not there. */
  static Path link(Path javaHome, List<String> modules, Path cache) {
    List<String> options = List.of("--add-modules", String.join(",", modules), "--strip-debug", "--no-man-pages",
        "--no-header-files", "--compress=zip-6", "--exclude-files=" + EXCLUDED_FILES);
    try {
      String key = Digest.of((Files.readString(javaHome.resolve("release")) + "\n" + options + "\n" + HOW)
          .getBytes(StandardCharsets.UTF_8));
      Path runtime = cache.resolve("jre").resolve(Digest.hex(key).substring(0, 16));
      if (Files.isDirectory(runtime)) {
        return runtime;
      }
      Path work = Files.createTempDirectory(Files.createDirectories(runtime.getParent()), "link-");
      List<String> args = new ArrayList<>(options);
      args.addAll(List.of("--output", work.resolve("jre").toString()));
      run(javaHome, args);
      try {
        Files.move(work.resolve("jre"), runtime, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException linkedMeanwhile) {
        // Another build sharing the cache linked the same runtime first.
      }
      BuildFiles.delete(work);
      return runtime;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * jlink in a process of its own: its generate-jli-classes step emits classes that depend on what the linking
   * JVM has already generated, so jlink inside a busy JVM (a test's) links other bytes than a fresh one.
   */
  private static void run(Path javaHome, List<String> args) {
    List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("jlink").toString()));
    command.addAll(args);
    Command.succeeds(command);
  }
}
