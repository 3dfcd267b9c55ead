package crosswatch.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the node's container image without a container engine or a registry: a Java runtime linked from the
 * JDK running the build, the C libraries it needs from this machine, and the shaded jar, as an OCI image whose
 * digest depends only on its inputs (fixed timestamps, sorted entries, fixed owners). Run by the image module's
 * pom in the {@code package} phase; see image/README.md.
 */
public final class ImageBuild {
  private static final String DESCRIPTION = "Crosswatch: a clustered monitor of OP Stack interop messages";

  private ImageBuild() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    ImageSpec spec = ImageSpec.parse(args);
    OciImage.Written image = build(spec);
    long size = Files.size(image.archive());
    System.out.printf("crosswatch image built image=%s digest=%s archive=%s layout=%s sizeBytes=%d seconds=%.1f%n",
        spec.reference(), image.digest(), image.archive(), image.layout(), size,
        Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
  }

  static OciImage.Written build(ImageSpec spec) throws Exception {
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path javaRuntime = JavaRuntime.link(javaHome, spec.modules(), spec.cache());
    Path staging = spec.output().resolve("staging");
    Path layout = spec.output().resolve("oci");
    BuildFiles.delete(staging);
    BuildFiles.delete(layout);
    Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
    long mtime = spec.timestamp().getEpochSecond();
    int javaFeature = Contents.javaFeature(javaRuntime);
    Layer runtime = Layer.write("Java " + javaFeature + " runtime (jlink) and the C libraries it needs",
        Contents.runtime(javaRuntime, staging), mtime, blobs, spec.cache());
    Layer application = Layer.write("crosswatch.jar " + spec.version(), Contents.application(spec.jar()), mtime,
        blobs, spec.cache());

    Optional<Git> git = Git.of(spec.jar().toAbsolutePath().getParent());
    Instant created = git.map(Git::commitTime).orElse(spec.timestamp());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", spec.name());
    labels.put("org.opencontainers.image.description", DESCRIPTION);
    labels.put("org.opencontainers.image.version", spec.version());
    labels.put("org.opencontainers.image.revision", git.map(Git::revision).orElse("unknown"));
    labels.put("org.opencontainers.image.created", created.toString());
    spec.source().or(() -> git.flatMap(Git::origin))
        .ifPresent(source -> labels.put("org.opencontainers.image.source", source));
    return OciImage.write(spec, List.of(runtime, application), Contents.entrypoint(javaFeature), created, labels,
        layout);
  }
}
