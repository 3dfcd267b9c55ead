package crosswatch.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the image holds, in two layers: the runtime (a linked Java runtime, the C libraries it needs, the few
 * files of {@code /etc} a JVM reads, {@code /tmp} and the data directory), which changes only with the JDK, and
 * the node's jar, which changes with every commit. No shell, no package manager.
 */
final class Contents {
  static final int USER = 10001;
  static final String JAVA_HOME = "/opt/java/openjdk";
  static final String JAR = "/opt/crosswatch/crosswatch.jar";
  static final String DATA_DIR = "/var/lib/crosswatch";

  private static final String PASSWD = """
      root:x:0:0:root:/root:/sbin/nologin
      crosswatch:x:10001:10001:crosswatch:/var/lib/crosswatch:/sbin/nologin
      """;
  private static final String GROUP = """
      root:x:0:
      crosswatch:x:10001:
      """;
  // Host names from /etc/hosts (the runtime mounts it), then DNS: what DNS_PING and the RPC clients resolve with.
  private static final String NSSWITCH = """
      passwd: files
      group: files
      hosts: files dns
      """;

  private Contents() {}

  /** The runtime layer's entries; generated files are written under {@code staging}. */
  static List<Entry> runtime(Path javaRuntime, Path staging) {
    Entries entries = new Entries().tree(JAVA_HOME, javaRuntime);
    Set<Path> libraries = SharedLibraries.of(javaRuntime);
    for (Path library : libraries) {
      entries.file(SharedLibraries.imagePath(library), realFile(library));
    }
    entries.add(new Entry.Symlink("lib", "usr/lib"));
    entries.add(new Entry.Symlink("lib64", "usr/lib64"));
    DebianPackages.notes(libraries, staging.resolve("dpkg")).forEach(entries::file);
    entries.file("etc/passwd", BuildFiles.write(staging.resolve("passwd"), PASSWD));
    entries.file("etc/group", BuildFiles.write(staging.resolve("group"), GROUP));
    entries.file("etc/nsswitch.conf", BuildFiles.write(staging.resolve("nsswitch.conf"), NSSWITCH));
    entries.add(new Entry.Directory("tmp", 01777, Entry.ROOT));
    entries.add(new Entry.Directory(DATA_DIR, 0750, USER));
    return entries.sorted();
  }

  static List<Entry> application(Path jar) {
    return new Entries().file(JAR, jar).sorted();
  }

  /**
   * The command the image runs. JDK 23 and later need {@code --sun-misc-unsafe-memory-access=allow} to run
   * Infinispan's ProtoStream without a warning and JDK 21 refuses the option: the same rule as the demo's
   * (devnet {@code NodeLaunch}), applied to the runtime the image carries.
   */
  static List<String> entrypoint(int javaFeature) {
    List<String> quiet = javaFeature >= 23 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    return Stream.of(List.of(JAVA_HOME + "/bin/java"), quiet,
        List.of("-XX:MaxRAMPercentage=75", "-jar", JAR)).flatMap(List::stream).toList();
  }

  /** The runtime's feature release, from the {@code JAVA_VERSION} line of its {@code release} file. */
  static int javaFeature(Path javaRuntime) {
    try {
      return Files.readAllLines(javaRuntime.resolve("release")).stream()
          .filter(line -> line.startsWith("JAVA_VERSION="))
          .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
          .map(version -> Integer.parseInt(version.split("[.+-]")[0]))
          .findFirst().orElseThrow(() -> new IllegalStateException("no JAVA_VERSION in " + javaRuntime));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code KEY=value}, in a fixed order (the config's bytes are part of the image digest). */
  static List<String> environment() {
    return List.of("PATH=" + JAVA_HOME + "/bin", "JAVA_HOME=" + JAVA_HOME, "LANG=C.UTF-8",
        "CROSSWATCH_DATA_DIR=" + DATA_DIR);
  }

  private static Path realFile(Path library) {
    try {
      return library.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
