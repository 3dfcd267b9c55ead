package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bundled {@code tcp} stack of one replica process with a {@code DISCARD} protocol above the transport and
 * JGroups diagnostics on a loopback TCP port, so that a test can cut the replica off the network and let it back
 * without touching the process: {@link #isolate} asks the replica's DISCARD, through JGroups' own {@code Probe}
 * client, to drop every message it sends or receives. Failure detection, the views and the merge that follow are
 * the real ones of the bundled stack.
 */
final class SplittableStack {
  private final Path file;
  private final int diagnosticsPort;

  private SplittableStack(Path file, int diagnosticsPort) {
    this.file = file;
    this.diagnosticsPort = diagnosticsPort;
  }

  /** Writes the stack file for replica {@code name} under {@code dir}, on a free diagnostics port. */
  static SplittableStack write(Path dir, String name) {
    int port = TestNodes.freePort();
    String tcp = JGroupsStack.bundled("tcp");
    String xml = tcp
        .replace("diag.enabled=\"false\"", "diag.enabled=\"true\" diag.enable_udp=\"false\" diag.enable_tcp=\"true\""
            + " diag.bind_addr=\"127.0.0.1\" diag.port=\"" + port + "\" diag.port_range=\"0\"")
        .replace("<RED/>", "<DISCARD/>\n   <RED/>");
    assertThat(xml).as("the bundled tcp stack changed shape").contains("<DISCARD/>", "diag.port=");
    try {
      Path file = Files.createDirectories(dir).resolve(name + "-stack.xml");
      Files.writeString(file, xml);
      return new SplittableStack(file, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The flags that make a replica use this stack. */
  List<String> flags() {
    return List.of("--cluster-stack", file.toString());
  }

  /** Cuts the replica off every peer ({@code true}) or lets it back ({@code false}); checks that it took. */
  void isolate(boolean cut) {
    probe("jmx=DISCARD.discard_all=" + cut);
    assertThat(probe("jmx=DISCARD.discard_all")).as("DISCARD.discard_all on port %d", diagnosticsPort)
        .contains("discard_all=" + cut);
  }

  /** Runs JGroups' Probe against this replica only; returns what it printed. */
  private String probe(String request) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = List.of(java, "-cp", System.getProperty("java.class.path"), "org.jgroups.tests.Probe",
        "-addr", "127.0.0.1", "-port", Integer.toString(diagnosticsPort), "-udp", "false", "-tcp", "true",
        "-timeout", "2000", request);
    try {
      Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
        throw new IllegalStateException("probe " + request + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
