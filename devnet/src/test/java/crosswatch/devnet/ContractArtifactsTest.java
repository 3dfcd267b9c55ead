package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class ContractArtifactsTest {

  @Test
  void theCommittedArtifactsAreWhatTheSourcesCompileTo() throws IOException, InterruptedException {
    Path devnetDir = Path.of(System.getProperty(DevnetDir.PROPERTY, "."));
    Process check = new ProcessBuilder("node", "scripts/compile.mjs", "--check")
        .directory(devnetDir.toFile())
        .redirectErrorStream(true)
        .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    assertThat(output).contains("CrossL2InboxStandIn.json", "Emitter.json");
  }
}
