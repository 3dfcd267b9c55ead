package crosswatch.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Renders the k8s/ overlays with {@code kubectl kustomize} and reads the manifests back as trees. */
final class Kustomize {
  static final Path OVERLAYS = Monitoring.DIR.getParent().resolve("overlays");

  private static final long TIMEOUT_SECONDS = 60;
  private static final YAMLMapper YAML = new YAMLMapper();

  private Kustomize() {}

  /** True when a kubectl binary can be started (scripts/env.sh installs Debian's kubernetes-client). */
  static boolean available() {
    try {
      Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Every manifest of an overlay, in kustomize's output order. */
  static List<JsonNode> render(String overlay) {
    Path output = null;
    try {
      output = Files.createTempFile("kustomize", ".yaml");
      // To a file, not a pipe: the rendered dashboard alone is larger than a pipe's buffer.
      Process process = new ProcessBuilder("kubectl", "kustomize", OVERLAYS.resolve(overlay).toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(output.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + overlay + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      String yaml = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize " + overlay + " exited " + process.exitValue() + ":\n" + yaml);
      }
      return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
          .filter(doc -> !doc.isMissingNode() && !doc.isNull()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while kubectl ran", e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }
}
