package crosswatch.app;

import static crosswatch.app.PipelineHarness.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.chain.ChainState;
import crosswatch.chain.RpcStub;
import crosswatch.chain.StartBlock;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.metrics.Meters;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A chain whose RPC is down or broken: the other chains go on, and nothing is judged from a failure. */
@Tag("integration")
class PipelineOutageTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path dataDir;
  private Devnet devnet;
  private DevnetChain c901;
  private DevnetChain c902;
  private RpcStub stub;
  private PipelineHarness node;

  @BeforeEach
  void startChains() {
    devnet = Devnet.start(901, 902);
    c901 = devnet.chain(901);
    c902 = devnet.chain(902);
  }

  @AfterEach
  void stop() {
    node.close();
    stub.close();
    devnet.close();
  }

  /** 901 served directly, 902 through the stub. */
  private void startNode() {
    node = new PipelineHarness(List.of(PipelineHarness.http(c901), stub.endpoint(902)),
        PipelineHarness.dependencies(List.of(901L, 902L), Map.of()), new StartBlock.Number(0),
        new InMemoryMessageStore(), dataDir);
  }

  private ChainState state(long chainId) {
    return node.pipeline.chains().stream().filter(s -> s.chainId() == chainId).findFirst().orElseThrow();
  }

  private InitiatingLog initiate(DevnetChain chain, String seed) {
    return chain.emitInitiating(List.of(Hash.sha3String(seed)), "0x");
  }

  @Test
  void aChainDownAtStartDoesNotHoldTheOthersAndIsCaughtUpWhenItComesUp() {
    stub = RpcStub.down(RpcStub.forwardingTo(c902.rpcUrl(), answer -> answer));
    startNode();
    InitiatingLog on901 = initiate(c901, "on-901");
    InitiatingLog on902 = initiate(c902, "on-902");
    ExecutingReceipt local = c901.emitExecuting(List.of(ExecSpec.of(on901)));
    ExecutingReceipt towardsDown = c901.emitExecuting(List.of(ExecSpec.of(on902)));
    c902.mine(200);
    ExecutingReceipt onDown = c902.emitExecuting(List.of(ExecSpec.of(on901)));

    node.awaitStatus(key(local), Status.VALID);
    node.awaitStatus(key(towardsDown), Status.PENDING);
    await().until(() -> state(902).lastError().isPresent());
    assertThat(state(902).connected()).isFalse();
    assertThat(node.find(key(onDown))).isEmpty();

    stub.start();

    node.awaitStatus(key(onDown), Status.VALID);
    node.awaitStatus(key(towardsDown), Status.VALID);
    await().until(() -> state(902).connected() && state(902).scanned().orElse(-1) >= onDown.blockNumber());
  }

  @Test
  void garbageInsteadOfAnInitiatingBlockLeavesTheMessagePendingAndCountsTheFailure() {
    var broken = new AtomicBoolean(true);
    var forward = RpcStub.forwardingTo(c902.rpcUrl(), answer -> answer);
    stub = RpcStub.up(body -> broken.get() && fetchesABlocksLogs(body) ? "{\"jsonrpc\":\"2.0\",[" : forward.apply(body));
    startNode();
    InitiatingLog on902 = initiate(c902, "garbled");
    ExecutingReceipt receipt = c901.emitExecuting(List.of(ExecSpec.of(on902)));

    node.awaitStatus(key(receipt), Status.PENDING);
    await().until(() -> failures(902) >= 1);
    assertThat(node.find(key(receipt)).orElseThrow().status()).isEqualTo(Status.PENDING);
    assertThat(node.registry.get(Meters.RPC_REQUESTS).tags(Meters.CHAIN_ID, "902",
        Meters.METHOD, "eth_getLogs", Meters.OUTCOME, "garbled").counter().count()).isPositive();

    broken.set(false);

    node.awaitStatus(key(receipt), Status.VALID);
  }

  private double failures(long chainId) {
    return node.registry.get(Meters.JUDGE_FAILURES).tag(Meters.INITIATING_CHAIN_ID, Long.toString(chainId)).counter().count();
  }

  /** The judge's question: one block's logs of the origins messages name (the scanner asks for the inbox's). */
  private static boolean fetchesABlocksLogs(String body) {
    JsonNode request = JSON.readTree(body);
    for (JsonNode call : request.isArray() ? request : JSON.createArrayNode().add(request)) {
      JsonNode filter = call.get("params").get(0);
      if (call.get("method").asString().equals("eth_getLogs") && filter.has("blockHash")
          && !filter.path("address").toString().contains(ExecutingMessageDecoder.CROSS_L2_INBOX)) {
        return true;
      }
    }
    return false;
  }
}
