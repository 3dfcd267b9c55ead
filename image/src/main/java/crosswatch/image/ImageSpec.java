package crosswatch.image;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the image build is told by the pom.
 *
 * @param jar the node's shaded jar
 * @param output where the OCI layout ({@code oci/}) and its archive go
 * @param cache where the linked Java runtime and compressed layers are kept between builds
 * @param name the image's name, e.g. {@code crosswatch}
 * @param version the project's version, also the image's tag
 * @param timestamp every file's modification time (the pom's {@code project.build.outputTimestamp})
 * @param modules the Java modules of the runtime
 * @param source the repository's URL for the {@code org.opencontainers.image.source} label, if known
 */
record ImageSpec(Path jar, Path output, Path cache, String name, String version, Instant timestamp,
                 List<String> modules, Optional<String> source) {
  static final String USAGE = "ImageBuild --jar <crosswatch.jar> --output <dir> --cache <dir> --name <name> "
      + "--version <version> --timestamp <ISO-8601> --modules <m1,m2,...> [--source <url>]";

  ImageSpec {
    modules = List.copyOf(modules);
  }

  /** From {@code --key value} pairs; an empty {@code --source} counts as none. */
  static ImageSpec parse(String[] args) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("usage: " + USAGE);
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      values.put(args[i], args[i + 1]);
    }
    return new ImageSpec(Path.of(required(values, "--jar")), Path.of(required(values, "--output")),
        Path.of(required(values, "--cache")), required(values, "--name"), required(values, "--version"),
        Instant.parse(required(values, "--timestamp")),
        Arrays.stream(required(values, "--modules").split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList(),
        Optional.ofNullable(values.get("--source")).filter(s -> !s.isBlank()));
  }

  /** {@code name:version}, the reference the image is tagged with. */
  String reference() {
    return name + ":" + version;
  }

  private static String required(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is required; usage: " + USAGE);
    }
    return value;
  }
}
