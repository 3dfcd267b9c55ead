package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.chain.ChainIdCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final Main.ChainIds ALL_MATCH = (endpoints, timeout, registry) -> List.of();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  @TempDir Path dir;

  private Main.Launch launch(List<String> args, Main.ChainIds chainIds) {
    return Main.launch(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), chainIds);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Nested
  class Exits {
    @Test
    void helpPrintsTheFlagTableAndExits0() {
      assertThat(launch(List.of("--help"), ALL_MATCH)).isEqualTo(new Main.Launch.Exit(0));
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("--rpc <chainId>=<url>").contains("--http-port");
      assertThat(stderr()).isEmpty();
    }

    @Test
    void badConfigurationPrintsOneLineAndExits2() {
      assertThat(launch(List.of("--rpc", "1=http://a", "--http-port", "x"), ALL_MATCH))
          .isEqualTo(new Main.Launch.Exit(2));
      assertThat(stderr()).isEqualTo("crosswatch: --http-port: expected a port number in 0..65535, got \"x\"\n");
    }

    @Test
    void aChainIdMismatchExits2NamingTheDisplayUrlAndBothIdsBeforeAnythingStarts() {
      Path dataDir = dir.resolve("data");
      Main.ChainIds wrongChain =
          (endpoints, timeout, registry) -> List.of(new ChainIdCheck.Mismatch(endpoints.getFirst(), 902));

      var launch = launch(NodeConfigs.args("https://bob:pw@127.0.0.1:8545/key", 0, dataDir), wrongChain);

      assertThat(launch).isEqualTo(new Main.Launch.Exit(2));
      assertThat(stderr()).isEqualTo("crosswatch: --rpc: https://127.0.0.1:8545 answered eth_chainId 902 but is "
          + "configured as chain 901\n");
      assertThat(dataDir).doesNotExist();
    }

    @Test
    void aDataDirThatCannotBeCreatedExits2() throws IOException {
      Path file = Files.writeString(dir.resolve("file"), "x");

      assertThat(launch(NodeConfigs.args("http://127.0.0.1:1", 0, file.resolve("data")), ALL_MATCH))
          .isEqualTo(new Main.Launch.Exit(2));
      assertThat(stderr()).startsWith("crosswatch: --data-dir: cannot create ").hasLineCount(1);
    }

    @Test
    void aTakenPortExits1WithOneLine() throws IOException {
      try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        assertThat(launch(NodeConfigs.args("http://127.0.0.1:1", taken.getLocalPort(), dir), ALL_MATCH))
            .isEqualTo(new Main.Launch.Exit(1));
      }
      assertThat(stderr()).startsWith("crosswatch: failed to start: ").contains("Address already in use")
          .hasLineCount(1);
    }
  }

  @Nested
  class Starts {
    @Test
    void anUnreachableRpcIsNoConfigurationErrorAndTheNodeRuns() {
      var launch = launch(NodeConfigs.args("http://127.0.0.1:1", 0, dir), ALL_MATCH);

      assertThat(launch).isInstanceOf(Main.Launch.Running.class);
      try (Node node = ((Main.Launch.Running) launch).node()) {
        assertThat(node.httpPort()).isPositive();
        assertThat(stderr()).isEmpty();
      }
    }

    @Test
    void theChainIdCheckCountsIntoTheNodesOwnRegistry() {
      var given = new AtomicReference<MeterRegistry>();
      var launch = launch(NodeConfigs.args("http://127.0.0.1:1", 0, dir), (endpoints, timeout, registry) -> {
        given.set(registry);
        return List.of();
      });

      assertThat(launch).isInstanceOf(Main.Launch.Running.class);
      try (Node node = ((Main.Launch.Running) launch).node()) {
        assertThat(given.get()).isSameAs(node.registry());
      }
    }
  }
}
