package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real process: exit status and stderr as an operator sees them, from the test classpath (no jar yet). */
@Tag("integration")
class MainProcessTest {

  @Test
  void aMalformedRpcUrlExits2WithOneLineOnStderrAndNoStackTrace() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--rpc", "1=htp://x");
    builder.environment().keySet().removeIf(name -> name.startsWith("CROSSWATCH_"));
    Process process = builder.start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr).isEqualTo("crosswatch: --rpc: malformed URL \"htp://x\" (expected http, https, ws or wss)"
        + System.lineSeparator());
    assertThat(stdout).isEmpty();
  }
}
