package crosswatch.image;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The image unpacked once by {@code umoci} into an OCI runtime bundle: its root file system and the runtime
 * configuration umoci derives from the image's own (user, entrypoint, environment, working directory). Each
 * replica gets a bundle of its own that shares that root file system, read-only as the StatefulSet mounts it.
 */
final class UnpackedImage {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path rootfs;
  private final JsonNode config;

  private UnpackedImage(Path rootfs, JsonNode config) {
    this.rootfs = rootfs;
    this.config = config;
  }

  /** {@code umoci unpack --image <layout>:<tag> <dir>}. */
  static UnpackedImage unpack(Path layout, String tag, Path dir) {
    Command.succeeds(List.of("umoci", "unpack", "--image", layout + ":" + tag, dir.toString()));
    return new UnpackedImage(dir.resolve("rootfs"), JSON.readTree(dir.resolve("config.json").toFile()));
  }

  /** The process umoci made of the image's configuration, before any replica's changes. */
  JsonNode process() {
    return config.path("process");
  }

  /**
   * A bundle in {@code dir} for one replica: host network (the test's chains and peers are on loopback), no
   * terminal, the shared root file system read-only, {@code dataDir} mounted at the image's data directory and a
   * tmpfs at /tmp (as the StatefulSet mounts them), {@code flags} after the image's entrypoint.
   */
  Path bundle(Path dir, String hostname, Path dataDir, List<String> flags) {
    ObjectNode replica = (ObjectNode) config.deepCopy();
    replica.put("hostname", hostname);
    ((ObjectNode) replica.path("root")).put("path", rootfs.toString()).put("readonly", true);
    ObjectNode process = (ObjectNode) replica.path("process");
    process.put("terminal", false);
    ArrayNode args = (ArrayNode) process.path("args");
    flags.forEach(args::add);
    ArrayNode namespaces = (ArrayNode) replica.path("linux").path("namespaces");
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      if (namespaces.get(i).path("type").asString().equals("network")) {
        namespaces.remove(i);
      }
    }
    ArrayNode mounts = (ArrayNode) replica.path("mounts");
    for (int i = mounts.size() - 1; i >= 0; i--) {
      if (mounts.get(i).path("destination").asString().equals(Contents.DATA_DIR)) {
        mounts.remove(i);
      }
    }
    mounts.addObject().put("destination", Contents.DATA_DIR).put("type", "bind").put("source", dataDir.toString())
        .putArray("options").add("rbind").add("rw");
    mounts.addObject().put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs")
        .putArray("options").add("nosuid").add("nodev").add("mode=1777");
    BuildFiles.write(dir.resolve("config.json"), JSON.writeValueAsString(replica));
    return dir;
  }
}
