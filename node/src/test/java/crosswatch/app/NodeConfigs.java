package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.config.Config;
import crosswatch.config.ConfigLoader;
import crosswatch.config.ConfigResult;
import crosswatch.devnet.FreePort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Node configurations for app tests, built the way Main builds them. */
final class NodeConfigs {
  private NodeConfigs() {}

  /** A lone node's args; its cluster transport takes a free port (and failure detection the port + 50000). */
  static List<String> args(String rpcUrl, int httpPort, Path dataDir) {
    return new ArrayList<>(List.of("--rpc", "901=" + rpcUrl, "--http-port", Integer.toString(httpPort),
        "--data-dir", dataDir.toString(), "--node-name", "test-node",
        "--bind-port", Integer.toString(FreePort.pickWithCompanion(50_000))));
  }

  static Config config(String rpcUrl, int httpPort, Path dataDir) {
    ConfigResult result = ConfigLoader.load(args(rpcUrl, httpPort, dataDir), Map.of());
    assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
    return ((ConfigResult.Loaded) result).config();
  }
}
