package crosswatch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.FreePort;
import crosswatch.devnet.Traffic;
import crosswatch.devnet.TrafficSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The image the build made (image/target/oci): what it declares, that it is reproducible, and that it runs. */
@Tag("integration")
class ImageTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path LAYOUT = Path.of(System.getProperty("crosswatch.image.layout"));
  private static final String REFERENCE = System.getProperty("crosswatch.image.reference");
  private static final String TAG = REFERENCE.substring(REFERENCE.indexOf(':') + 1);

  static JsonNode blob(String digest) {
    return JSON.readTree(LAYOUT.resolve("blobs/sha256").resolve(Digest.hex(digest)).toFile());
  }

  static String manifestDigest() {
    return JSON.readTree(LAYOUT.resolve("index.json").toFile()).path("manifests").get(0).path("digest").asString();
  }

  static JsonNode config() {
    return blob(blob(manifestDigest()).path("config").path("digest").asString());
  }

  static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
  }

  @Nested
  class Declares {
    @Test
    void aNonRootUserAndTheShadedJarOnItsOwnJavaRuntime() {
      JsonNode run = config().path("config");
      assertThat(run.path("User").asString()).isEqualTo("10001:10001");
      assertThat(strings(run.path("Entrypoint"))).startsWith("/opt/java/openjdk/bin/java")
          .endsWith("-jar", "/opt/crosswatch/crosswatch.jar");
    }

    @Test
    void varLibCrosswatchAsTheDefaultDataDirectoryAndAVolume() {
      JsonNode run = config().path("config");
      assertThat(strings(run.path("Env"))).contains("CROSSWATCH_DATA_DIR=/var/lib/crosswatch");
      assertThat(run.path("Volumes").propertyNames()).containsExactly("/var/lib/crosswatch");
      assertThat(run.path("ExposedPorts").propertyNames()).containsExactly("7300/tcp", "7800/tcp", "57800/tcp");
    }

    @Test
    void theOciLabelsWithAFixedCreationTime() {
      JsonNode labels = config().path("config").path("Labels");
      assertThat(labels.path("org.opencontainers.image.title").asString()).isEqualTo("crosswatch");
      assertThat(labels.path("org.opencontainers.image.version").asString()).isEqualTo(TAG);
      assertThat(labels.path("org.opencontainers.image.revision").asString()).matches("[0-9a-f]{40}|unknown");
      Instant created = Instant.parse(labels.path("org.opencontainers.image.created").asString());
      assertThat(config().path("created").asString()).isEqualTo(created.toString());
      assertThat(blob(manifestDigest()).path("annotations")).isEqualTo(labels);
    }

    @Test
    void itsNameAndTagInTheIndexAndInDockersManifest() {
      JsonNode entry = JSON.readTree(LAYOUT.resolve("index.json").toFile()).path("manifests").get(0);
      assertThat(entry.path("annotations").path("io.containerd.image.name").asString()).isEqualTo(REFERENCE);
      assertThat(entry.path("annotations").path("org.opencontainers.image.ref.name").asString()).isEqualTo(TAG);
      JsonNode docker = JSON.readTree(LAYOUT.resolve("manifest.json").toFile()).get(0);
      assertThat(strings(docker.path("RepoTags"))).containsExactly(REFERENCE);
    }
  }

  @Nested
  class Reproducible {
    @Test
    void aSecondBuildFromAnEmptyCacheHasTheSameDigest(@TempDir Path dir) throws Exception {
      ImageSpec spec = new ImageSpec(Path.of(System.getProperty("crosswatch.node.jar")), dir.resolve("target"),
          dir.resolve("cache"), REFERENCE.substring(0, REFERENCE.indexOf(':')), TAG,
          Instant.parse(System.getProperty("crosswatch.image.timestamp")),
          List.of(System.getProperty("crosswatch.image.modules").split(",")),
          java.util.Optional.ofNullable(System.getProperty("crosswatch.image.source")).filter(s -> !s.isBlank()));
      Files.createDirectories(spec.output());

      OciImage.Written again = ImageBuild.build(spec);

      assertThat(again.digest()).as("rebuilt manifest %s, config %s", Files.readString(again.layout().resolve(
          "blobs/sha256").resolve(Digest.hex(again.digest()))), config()).isEqualTo(manifestDigest());
      assertThat(Files.mismatch(again.archive(), LAYOUT.resolveSibling(spec.name() + "-image.tar"))).isEqualTo(-1);
    }
  }

  /**
   * Three replicas in three containers of the image, one static cluster on loopback, judging traffic with
   * invalid messages on two anvil chains. Each container has the image's read-only root file system, its own
   * data directory mounted where the image keeps it, and no flag but the chains, ports and cluster.
   */
  @Nested
  class ThreeReplicas {
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<String> NAMES = List.of("replica-a", "replica-b", "replica-c");
    /** A message in four is invalid, so that every replica has judged both kinds within seconds. */
    private static final TrafficSettings TRAFFIC = new TrafficSettings(Duration.ofSeconds(1), 4, 30);
    private static final List<ContainerReplica> replicas = new ArrayList<>();
    private static Path root;
    private static Devnet devnet;
    private static Traffic traffic;

    @BeforeAll
    static void startReplicas() throws IOException {
      ToolCheck.require("umoci", "runc");
      ToolCheck.requireRoot();
      root = Files.createTempDirectory("crosswatch-image-test-");
      UnpackedImage image = UnpackedImage.unpack(LAYOUT, TAG, root.resolve("image"));
      devnet = Devnet.start(Traffic.chainSpecs(901, 902));
      traffic = Traffic.start(devnet.chains(), TRAFFIC);
      List<Integer> ports = IntStream.range(0, NAMES.size()).mapToObj(i -> FreePort.pickWithCompanion(50_000))
          .toList();
      List<String> common = new ArrayList<>();
      for (DevnetChain chain : devnet.chains()) {
        common.addAll(List.of("--rpc", chain.chainId() + "=" + chain.wsUrl(), "--start-block", chain.chainId() + "=0"));
      }
      common.addAll(List.of("--cluster-name", "image-test-" + ports.getFirst(), "--bind-address", "127.0.0.1",
          "--cluster-members", ports.stream().map(p -> "127.0.0.1[" + p + "]").collect(Collectors.joining(",")),
          "--initial-cluster-size", Integer.toString(NAMES.size())));
      for (int i = 0; i < NAMES.size(); i++) {
        String name = NAMES.get(i);
        Path data = Files.createDirectories(root.resolve("data").resolve(name));
        Files.setAttribute(data, "unix:uid", Contents.USER);
        Files.setAttribute(data, "unix:gid", Contents.USER);
        int httpPort = FreePort.pick();
        List<String> flags = new ArrayList<>(common);
        flags.addAll(List.of("--node-name", name, "--http-port", Integer.toString(httpPort), "--bind-port",
            Integer.toString(ports.get(i))));
        Path bundle = image.bundle(root.resolve("bundles").resolve(name), name, data, flags);
        replicas.add(ContainerReplica.start("crosswatch-" + ports.getFirst() + "-" + name, bundle, httpPort,
            root.resolve(name + ".log")));
      }
    }

    @AfterAll
    static void stopReplicas() {
      replicas.reversed().forEach(ContainerReplica::close);
      if (traffic != null) {
        traffic.stop();
      }
      if (devnet != null) {
        devnet.close();
      }
      if (root != null) {
        BuildFiles.delete(root);
      }
    }

    @Test
    void everyReplicaIsReadyInOneClusterOfThree() {
      await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        for (ContainerReplica replica : replicas) {
          assertThat(replica.alive()).as("%s runs", replica).isTrue();
          assertThat(replica.status("/readyz")).as("%s /readyz", replica).isEqualTo(200);
          JsonNode cluster = replica.json("/api/v1/cluster").orElseThrow();
          assertThat(strings(cluster.path("members"))).as("%s members", replica)
              .containsExactlyInAnyOrderElementsOf(NAMES);
        }
      });
    }

    @Test
    void everyReplicaServesValidAndInvalidVerdicts() {
      await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        for (ContainerReplica replica : replicas) {
          for (String status : List.of("valid", "invalid")) {
            JsonNode page = replica.json("/api/v1/messages?limit=1&status=" + status).orElseThrow();
            assertThat(page.path("items")).as("%s %s messages", replica, status).isNotEmpty();
          }
        }
      });
    }

    @Test
    void theNodeRunsAsUser10001AndKeepsItsFilesInTheMountedDataDirectory() throws IOException {
      await().atMost(PATIENCE).until(() -> replicas.stream().allMatch(r -> r.status("/healthz") == 200));
      for (String name : NAMES) {
        try (var files = Files.list(root.resolve("data").resolve(name))) {
          List<Path> written = files.toList();
          assertThat(written).as("files in %s's data directory", name).isNotEmpty();
          for (Path file : written) {
            assertThat(Files.getAttribute(file, "unix:uid")).as("owner of %s", file).isEqualTo(Contents.USER);
          }
        }
      }
    }

    @Test
    void theRootFileSystemHasNoShell() {
      Path rootfs = root.resolve("image").resolve("rootfs");
      assertThat(rootfs.resolve("opt/java/openjdk/bin/java")).isExecutable();
      for (String shell : List.of("bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/bash", "bin/busybox")) {
        assertThat(Files.exists(rootfs.resolve(shell))).as(shell).isFalse();
      }
    }

    @Test
    void everyLineTheContainersPrintIsAKeyValueEventAndNoneIsAJvmWarning() {
      await().atMost(PATIENCE).until(() -> replicas.stream().allMatch(r -> r.status("/readyz") == 200));
      for (ContainerReplica replica : replicas) {
        assertThat(replica.output()).as("%s output", replica).isNotEmpty()
            .noneMatch(line -> line.startsWith("WARNING"))
            .allSatisfy(line -> assertThat(line).matches(KeyValueLines.EVENT));
      }
    }
  }
}
