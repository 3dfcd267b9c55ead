package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.FaultProxy;
import crosswatch.metrics.Meters;
import crosswatch.store.Checkpoint;
import crosswatch.store.CheckpointStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** One chain's scanner on a real anvil chain. */
@Tag("integration")
class LogScannerTest {
  private static final ChainSettings FAST = TestSettings.FAST;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingEvents events = new RecordingEvents();
  private final MemoryCheckpoints checkpoints = new MemoryCheckpoints();
  private Devnet devnet;
  private DevnetChain chain;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void startChain() {
    devnet = Devnet.start(901);
    chain = devnet.chain(901);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
    devnet.close();
  }

  private LogScanner scanning(ChainEndpoint endpoint, ChainSettings settings) {
    var connection = new ChainConnection(List.of(endpoint), settings, registry);
    opened.add(connection);
    var scanner = new LogScanner(connection, new StartBlock.Number(0), settings, checkpoints, registry);
    opened.add(scanner);
    scanner.start(events);
    return scanner;
  }

  private ExecutingReceipt executeTwo() {
    InitiatingLog log = chain.emitInitiating(List.of(Hash.sha3String("scan")), "0x");
    return chain.emitExecuting(List.of(ExecSpec.of(log), ExecSpec.of(log)));
  }

  private double logCalls() {
    return registry.get(Meters.RPC_REQUESTS)
        .tags(Meters.METHOD, "eth_getLogs", Meters.OUTCOME, "ok").counter().count();
  }

  private List<String> foundIn(ExecutingReceipt... receipts) {
    return List.of(receipts).stream().flatMap(r -> r.logIndexes().stream().map(i -> r.blockHash() + "-" + i))
        .toList();
  }

  private List<String> found() {
    return events.found.stream().map(f -> f.blockHash() + "-" + f.logIndex()).toList();
  }

  /**
   * A node that takes requests and never answers shows the chain disconnected once a call waited the request
   * timeout, before the scanner's retries give up, and connected again once it answers.
   */
  @Test
  void aHangingOnlyEndpointShowsTheChainDisconnectedWithinTheTimeoutAndItRecoversOnItsOwn() {
    try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl())) {
      ChainSettings settings = FAST.withRetries(4, FAST.retry(), FAST.reconnect());
      LogScanner scanner = scanning(new ChainEndpoint(901, URI.create(proxy.httpUrl())), settings);
      await().until(() -> scanner.state().connected());

      proxy.fault(Fault.hang());
      long start = System.nanoTime();
      await().atMost(settings.requestTimeout().multipliedBy(3)).pollInterval(Duration.ofMillis(20))
          .until(() -> !scanner.state().connected());

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(settings.requestTimeout().plusSeconds(1));
      assertThat(scanner.state().lastError()).hasValue("timeout after 2s");
      assertThat(registry.get(Meters.CHAIN_CONNECTED).gauge().value()).isZero();
      proxy.heal();
      await().atMost(Duration.ofSeconds(20)).until(() -> scanner.state().connected());
      assertThat(registry.get(Meters.CHAIN_CONNECTED).gauge().value()).isOne();
    }
  }

  @Nested
  class CatchingUp {
    @Test
    void findsEveryMessageOfALongStretchInAFewRangesAndCheckpointsTheEnd() {
      ExecutingReceipt early = executeTwo();
      chain.mine(600);
      ExecutingReceipt late = executeTwo();

      scanning(new ChainEndpoint(901, URI.create(chain.rpcUrl())), FAST.withRanges(100, 10_000));

      await().until(() -> events.scanned >= late.blockNumber());
      assertThat(found()).containsExactlyElementsOf(foundIn(early, late));
      assertThat(events.found).allSatisfy(f -> assertThat(f.blockTimestamp()).isPositive());
      assertThat(logCalls()).as("fewer ranges than 7 at the initial 100 blocks").isLessThan(7);
      assertThat(checkpoints.get(901)).map(Checkpoint::blockNumber).hasValueSatisfying(
          n -> assertThat(n).isGreaterThanOrEqualTo(late.blockNumber()));
    }

    @Test
    void aNodeThatRefusesWideRangesIsScannedInNarrowerOnesWithoutMissingAMessage() {
      ExecutingReceipt early = executeTwo();
      chain.mine(500);
      ExecutingReceipt late = executeTwo();
      var forward = RpcStub.forwardingTo(chain.rpcUrl(), answer -> answer);
      RpcStub limiting = RpcStub.up(body -> widestLogRange(body) > 64 ? refuseAll(body) : forward.apply(body));
      opened.add(limiting);

      scanning(limiting.endpoint(901), FAST);

      await().until(() -> events.scanned >= late.blockNumber());
      assertThat(found()).containsExactlyElementsOf(foundIn(early, late));
    }
  }

  @Nested
  class Following {
    @Test
    void aNewBlockAnnouncedOverWebSocketCostsALogCallOnlyWhenItsBloomAdmitsInboxLogs() {
      scanning(new ChainEndpoint(901, URI.create(chain.wsUrl())), FAST);
      await().until(() -> events.scanned >= chain.head());
      double before = logCalls();

      ExecutingReceipt receipt = chain.emitExecuting(List.of(ExecSpec.of(
          chain.emitInitiating(List.of(Hash.sha3String("follow")), "0x"))));

      await().until(() -> found().containsAll(foundIn(receipt)));
      // The initiating block's bloom rules out inbox logs: only the executing block is asked about.
      assertThat(logCalls() - before).isEqualTo(1);
    }

    @Test
    void aReplacedBlockIsReportedWithItsCommonAncestor() {
      scanning(new ChainEndpoint(901, URI.create(chain.rpcUrl())), FAST);
      ExecutingReceipt receipt = executeTwo();
      await().until(() -> found().containsAll(foundIn(receipt)));

      chain.reorg(1);

      await().until(() -> events.reorgAncestors.contains(receipt.blockNumber() - 1));
    }
  }

  @Nested
  class LyingNode {
    private volatile boolean hiding = true;

    /** Forwards to anvil; while {@code hiding}, every eth_getLogs is answered with an empty list. */
    private RpcStub hidingLogs() {
      var forward = RpcStub.forwardingTo(chain.rpcUrl(), answer -> answer);
      RpcStub stub = RpcStub.up(body -> hiding ? emptyLogs(body, forward.apply(body)) : forward.apply(body));
      opened.add(stub);
      return stub;
    }

    private double unverified() {
      return registry.get(Meters.RPC_UNVERIFIED_ANSWERS).counter().count();
    }

    @Test
    void aNodeWhoseLogsLagItsHeadersIsNotBelievedAndTheScanWaitsBeforeTheBlockUntilItAnswers() {
      ExecutingReceipt receipt = executeTwo();
      chain.mine(5);

      scanning(hidingLogs().endpoint(901), FAST);

      await().until(() -> unverified() > 0 && events.scanned == receipt.blockNumber() - 1);
      assertThat(found()).isEmpty();
      assertThat(checkpoints.get(901)).map(Checkpoint::blockNumber).hasValue(receipt.blockNumber() - 1);

      hiding = false;

      await().until(() -> events.scanned >= receipt.blockNumber() + 5);
      assertThat(found()).containsExactlyElementsOf(foundIn(receipt));
    }

    @Test
    void aBlockWhoseBloomRulesOutInboxLogsIsPassedWhateverTheLogsAnswersSay() {
      chain.emitInitiating(List.of(Hash.sha3String("no inbox log here")), "0x");
      chain.mine(3);

      scanning(hidingLogs().endpoint(901), FAST);

      await().until(() -> events.scanned >= chain.head());
      assertThat(unverified()).isZero();
    }
  }

  /** The answer with every eth_getLogs result replaced by an empty list. */
  private static String emptyLogs(String requestBody, String answerBody) {
    JsonNode request = JSON.readTree(requestBody);
    JsonNode answer = JSON.readTree(answerBody);
    var getLogsIds = new java.util.HashSet<String>();
    for (JsonNode call : request.isArray() ? request : JSON.createArrayNode().add(request)) {
      if (call.get("method").asString().equals("eth_getLogs")) {
        getLogsIds.add(call.get("id").toString());
      }
    }
    for (JsonNode reply : answer.isArray() ? answer : JSON.createArrayNode().add(answer)) {
      if (getLogsIds.contains(reply.get("id").toString()) && reply.has("result")) {
        ((tools.jackson.databind.node.ObjectNode) reply).set("result", JSON.createArrayNode());
      }
    }
    return JSON.writeValueAsString(answer);
  }

  private static long widestLogRange(String body) {
    JsonNode request = JSON.readTree(body);
    long widest = 0;
    for (JsonNode call : request.isArray() ? request : JSON.createArrayNode().add(request)) {
      JsonNode filter = call.get("params").get(0);
      if (call.get("method").asString().equals("eth_getLogs") && filter.has("fromBlock")) {
        widest = Math.max(widest, Long.decode(filter.get("toBlock").asString())
            - Long.decode(filter.get("fromBlock").asString()) + 1);
      }
    }
    return widest;
  }

  private static String refuseAll(String body) {
    JsonNode request = JSON.readTree(body);
    ArrayNode replies = JSON.createArrayNode();
    for (JsonNode call : request.isArray() ? request : JSON.createArrayNode().add(request)) {
      var reply = replies.addObject().put("jsonrpc", "2.0");
      reply.set("id", call.get("id"));
      reply.putObject("error").put("code", -32000).put("message", "query exceeds max block range 64");
    }
    return JSON.writeValueAsString(request.isArray() ? replies : replies.get(0));
  }

  /** Checkpoints in memory: the file store has its own test. */
  static final class MemoryCheckpoints implements CheckpointStore {
    private final Map<Long, Checkpoint> saved = new ConcurrentHashMap<>();

    @Override
    public Optional<Checkpoint> get(long chainId) {
      return Optional.ofNullable(saved.get(chainId));
    }

    @Override
    public void put(Checkpoint checkpoint) {
      saved.put(checkpoint.chainId(), checkpoint);
    }
  }
}
