package crosswatch.image;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the image as an OCI image layout directory and as one tar of that directory, which {@code podman load},
 * {@code skopeo copy oci-archive:...} and {@code docker load} all read (it also carries Docker's
 * {@code manifest.json}). Every JSON document is written in a fixed key order: its bytes are hashed.
 */
final class OciImage {
  static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
  static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> PORTS = List.of("7300/tcp", "7800/tcp", "57800/tcp");

  private OciImage() {}

  /** What was written: the manifest's digest (the image's id in a registry) and the two outputs. */
  record Written(String digest, Path layout, Path archive) {}

  /**
   * @param created the image's creation time (the commit's), also its {@code created} label
   * @param labels {@code org.opencontainers.image.*} labels, in the order to write them
   */
  static Written write(ImageSpec spec, List<Layer> layers, List<String> entrypoint, Instant created,
                       Map<String, String> labels, Path layout) {
    try {
      Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
      byte[] config = JSON.writeValueAsBytes(config(layers, entrypoint, created, labels));
      String configDigest = blob(blobs, config);
      ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MANIFEST_TYPE);
      manifest.set("config", descriptor(CONFIG_TYPE, configDigest, config.length));
      ArrayNode layerDescriptors = manifest.putArray("layers");
      layers.forEach(layer -> layerDescriptors.add(descriptor(Layer.MEDIA_TYPE, layer.digest(), layer.size())));
      manifest.set("annotations", JSON.valueToTree(labels));
      byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
      String digest = blob(blobs, manifestBytes);

      ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", INDEX_TYPE);
      ObjectNode entry = descriptor(MANIFEST_TYPE, digest, manifestBytes.length);
      entry.putObject("annotations").put("io.containerd.image.name", spec.reference())
          .put("org.opencontainers.image.ref.name", spec.version());
      index.putArray("manifests").add(entry);
      Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
      Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      ArrayNode docker = JSON.createArrayNode();
      ObjectNode image = docker.addObject().put("Config", "blobs/sha256/" + Digest.hex(configDigest));
      image.putArray("RepoTags").add(spec.reference());
      ArrayNode dockerLayers = image.putArray("Layers");
      layers.forEach(layer -> dockerLayers.add("blobs/sha256/" + Digest.hex(layer.digest())));
      Files.write(layout.resolve("manifest.json"), JSON.writeValueAsBytes(docker));

      Path archive = spec.output().resolve(spec.name() + "-image.tar");
      archive(layout, archive, spec.timestamp().getEpochSecond());
      return new Written(digest, layout, archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode config(List<Layer> layers, List<String> entrypoint, Instant created,
                                   Map<String, String> labels) {
    ObjectNode config = JSON.createObjectNode().put("created", created.toString())
        .put("architecture", architecture()).put("os", "linux");
    ObjectNode run = config.putObject("config").put("User", Contents.USER + ":" + Contents.USER);
    ObjectNode ports = run.putObject("ExposedPorts");
    PORTS.forEach(ports::putObject);
    ArrayNode env = run.putArray("Env");
    Contents.environment().forEach(env::add);
    ArrayNode command = run.putArray("Entrypoint");
    entrypoint.forEach(command::add);
    run.put("WorkingDir", Contents.DATA_DIR);
    run.putObject("Volumes").putObject(Contents.DATA_DIR);
    run.set("Labels", JSON.valueToTree(labels));
    run.put("StopSignal", "SIGTERM");
    ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    layers.forEach(layer -> diffIds.add(layer.diffId()));
    ArrayNode history = config.putArray("history");
    layers.forEach(layer -> history.addObject().put("created", created.toString())
        .put("created_by", "crosswatch image build: " + layer.description()));
    return config;
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
  }

  private static String blob(Path blobs, byte[] content) throws IOException {
    String digest = Digest.of(content);
    Files.write(blobs.resolve(Digest.hex(digest)), content);
    return digest;
  }

  /** The OCI name of this machine's architecture, which the runtime and the C libraries were built for. */
  private static String architecture() {
    return switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> throw new IllegalStateException("no OCI architecture for " + System.getProperty("os.arch"));
    };
  }

  private static void archive(Path layout, Path archive, long mtime) throws IOException {
    try (OutputStream out = Files.newOutputStream(archive); TarWriter tar = new TarWriter(out, mtime)) {
      for (Entry entry : new Entries().tree("", layout).sorted()) {
        tar.write(entry);
      }
    }
  }
}
