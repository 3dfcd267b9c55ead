package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.cluster.TestNodes;
import crosswatch.config.ConfigLoader;
import crosswatch.config.ConfigResult;
import crosswatch.devnet.Broken;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;

/** A real node, configured as Main configures it, watching two anvil chains (901 over WebSocket, 902 over http). */
final class DevnetNode implements AutoCloseable {
  final Devnet devnet;
  private final Node node;
  private final HttpClient client = HttpClient.newHttpClient();

  DevnetNode(Path dataDir) throws Exception {
    this(dataDir, Devnet.start(901, 902));
  }

  /** A node watching {@code devnet}'s chains 901 and 902 from block 0; closing it closes the devnet. */
  DevnetNode(Path dataDir, Devnet devnet) throws Exception {
    this.devnet = devnet;
    int bindPort = TestNodes.freePort();
    try {
      List<String> args = List.of("--rpc", "901=" + devnet.chain(901).wsUrl(), "--rpc",
          "902=" + devnet.chain(902).rpcUrl(), "--start-block", "901=0", "--start-block", "902=0", "--http-port", "0",
          "--data-dir", dataDir.toString(), "--node-name", "test-node",
          "--bind-port", Integer.toString(bindPort), "--cluster-name", "test-" + bindPort);
      ConfigResult result = ConfigLoader.load(args, Map.of());
      assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
      node = new Node(((ConfigResult.Loaded) result).config());
      node.start();
    } catch (Exception | Error e) {
      devnet.close();
      throw e;
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + node.httpPort() + "/";
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Emits on 902 an executing message whose payload does not match its initiating log on 901. */
  ExecutingReceipt emitInvalid(String seed) {
    DevnetChain c901 = devnet.chain(901);
    InitiatingLog log = c901.emitInitiating(List.of(Hash.sha3String(seed)), "0x" + "ab".repeat(7));
    return devnet.chain(902).emitExecuting(List.of(Broken.PAYLOAD_MISMATCH.spec(log)));
  }

  @Override
  public void close() {
    try {
      client.close();
      node.close();
    } finally {
      devnet.close();
    }
  }
}
