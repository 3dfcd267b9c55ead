package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.cluster.TestNodes;
import crosswatch.config.Config;
import crosswatch.config.ConfigLoader;
import crosswatch.config.ConfigResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Node configurations for app tests, built the way Main builds them. */
final class NodeConfigs {
  private NodeConfigs() {}

  /** A one-member node; its cluster transport on a free port, since other tests and agents run at once. */
  static List<String> args(String rpcUrl, int httpPort, Path dataDir) {
    int bindPort = TestNodes.freePort();
    return new ArrayList<>(List.of("--rpc", "901=" + rpcUrl, "--http-port", Integer.toString(httpPort),
        "--data-dir", dataDir.toString(), "--node-name", "test-node", "--bind-port", Integer.toString(bindPort),
        "--cluster-name", "test-" + bindPort));
  }

  static Config config(String rpcUrl, int httpPort, Path dataDir) {
    ConfigResult result = ConfigLoader.load(args(rpcUrl, httpPort, dataDir), Map.of());
    assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
    return ((ConfigResult.Loaded) result).config();
  }
}
