package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class DemoTest {
  @TempDir
  Path tmp;

  private final LogCapture logs = new LogCapture("crosswatch.devnet");

  @AfterEach
  void detach() {
    logs.close();
  }

  @Nested
  class NodeExitingAtOnce {
    @Test
    void stopsTrafficAndChainsAndExitsNonZero() throws IOException {
      Path dataDir = Files.createDirectory(tmp.resolve("data"));

      int code = run("--node-jar", exitingNodeJar().toString(), "--data-dir", dataDir.toString());

      assertThat(code).isNotZero();
      assertThat(logs.lines()).anyMatch(line -> line.contains("the node exited") && line.contains("exitCode=0"));
      assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(logs.lines()).anyMatch(line -> line.startsWith("demo running statusPage=http://127.0.0.1:7300/ "));
    }

    @Test
    void passedTheNodeEveryChainAndTheCallersFlagsInsteadOfTheDefaults() throws IOException {
      Path dataDir = Files.createDirectory(tmp.resolve("data"));

      run("--node-jar", exitingNodeJar().toString(), "--data-dir", dataDir.toString(), "--http-port=7301");

      List<String> args = Files.readAllLines(dataDir.resolve("args.txt"));
      assertThat(String.join(" ", args))
          .containsPattern("--rpc 901=http://127\\.0\\.0\\.1:\\d+ --rpc 902=http://127\\.0\\.0\\.1:\\d+ "
              + "--rpc 903=http://127\\.0\\.0\\.1:\\d+")
          .contains("--start-block 901=0 --start-block 902=0 --start-block 903=0")
          .containsPattern("--bind-port \\d+ ")
          .endsWith("--data-dir " + dataDir + " --http-port=7301");
      assertThat(args).containsOnlyOnce("--data-dir").doesNotContain("--http-port");
      assertThat(logs.lines()).anyMatch(line -> line.contains("metrics=http://127.0.0.1:7301/metrics"));
    }

    @Test
    void withoutARulesFileRunsWithoutPrometheusAndSaysSo() throws IOException {
      Path dataDir = Files.createDirectory(tmp.resolve("data"));

      run("--node-jar", exitingNodeJar().toString(), "--data-dir", dataDir.toString());

      assertThat(logs.lines()).anyMatch(line -> line.startsWith("running without prometheus"))
          .anyMatch(line -> line.contains("prometheus=none"));
    }
  }

  @Nested
  class BadArguments {
    @Test
    void aMissingNodeJarIsRefusedWithStatus2() {
      assertThat(run("--http-port", "7301")).isEqualTo(2);
      assertThat(logs.lines()).singleElement().asString().contains("--node-jar is required");
    }

    @Test
    void aNodeJarThatDoesNotExistIsRefusedWithStatus2() {
      assertThat(run("--node-jar", tmp.resolve("nope.jar").toString())).isEqualTo(2);
      assertThat(logs.lines()).singleElement().asString().contains("nope.jar: no such file");
    }

    @Test
    void aRulesFileThatDoesNotExistIsRefusedWithStatus2() throws IOException {
      assertThat(run("--node-jar", exitingNodeJar().toString(), "--rules", tmp.resolve("rules.yml").toString()))
          .isEqualTo(2);
      assertThat(logs.lines()).singleElement().asString().contains("--rules").contains("rules.yml: no such file");
    }
  }

  private int run(String... args) {
    return Demo.run(args);
  }

  /** A runnable jar holding only {@link ExitingNode}. */
  private Path exitingNodeJar() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ExitingNode.class.getName());
    Path jar = tmp.resolve("exiting-node.jar");
    String entry = ExitingNode.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
         JarOutputStream out = new JarOutputStream(file, manifest);
         InputStream classBytes = ExitingNode.class.getResourceAsStream("/" + entry)) {
      out.putNextEntry(new JarEntry(entry));
      classBytes.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
