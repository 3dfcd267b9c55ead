package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.devnet.proxy.FaultProxy;
import crosswatch.devnet.proxy.RequestCounts;
import crosswatch.judge.EndpointRead;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A chain with several endpoints on a real anvil chain: failover, and complete reads from each endpoint. */
@Tag("integration")
class ChainConnectionTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private Devnet devnet;
  private DevnetChain chain;

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

  private ChainConnection connected(ChainEndpoint... endpoints) {
    var connection = new ChainConnection(List.of(endpoints), TestSettings.FAST, registry);
    opened.add(connection);
    return connection;
  }

  private ChainEndpoint anvil() {
    return new ChainEndpoint(901, URI.create(chain.rpcUrl()));
  }

  private RpcStub stub(RpcStub stub) {
    opened.add(stub);
    return stub;
  }

  /** An initiating block on the chain whose logs include the one a message would point at. */
  private InitiatingLog initiated() {
    InitiatingLog log = chain.emitInitiating(List.of(Hash.sha3String("confirm")), "0x");
    chain.mine(1);
    return log;
  }

  /** A scanner of the connection's chain from genesis, started; what it reports. */
  private RecordingEvents scanning(ChainConnection connection) {
    var events = new RecordingEvents();
    var scanner = new LogScanner(connection, new StartBlock.Number(0), TestSettings.FAST,
        new LogScannerTest.MemoryCheckpoints(), registry);
    opened.add(scanner);
    scanner.start(events);
    return events;
  }

  @Test
  void anInitiatingBlockTheScannerPassedCostsOneRequestAndOneThatMayBecomeFinalIsReadAfresh() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl())) {
      ChainConnection connection = connected(new ChainEndpoint(901, URI.create(proxy.wsUrl())));
      var events = new RecordingEvents();
      InitiatingLog log;
      try (var scanner = new LogScanner(connection, new StartBlock.Number(0), TestSettings.FAST,
          new LogScannerTest.MemoryCheckpoints(), registry)) {
        scanner.start(events);
        log = initiated();
        await().until(() -> events.scanned >= log.blockNumber() + 1);
      }
      // The scanner stopped (the headers it passed stay with the connection), so only the reads below are counted.
      Map<Long, Set<String>> wanted = Map.of(log.blockNumber(), Set.of(log.origin()));
      proxy.takeCounts();

      Map<Long, InitiatingBlock> scanned = connection.initiatingBlocks().at(wanted, Set.of());
      RequestCounts byScannedHeader = proxy.takeCounts();
      Map<Long, InitiatingBlock> afresh = connection.initiatingBlocks().at(wanted, Set.of(log.blockNumber()));
      RequestCounts byFreshHeader = proxy.takeCounts();

      assertThat(List.of(scanned.get(log.blockNumber()), afresh.get(log.blockNumber()))).allSatisfy(block ->
          assertThat(block).isInstanceOfSatisfying(InitiatingBlock.Produced.class, b -> {
            assertThat(b.hash()).isEqualTo(log.blockHash().toLowerCase());
            assertThat(b.logs()).extracting(l -> l.logIndex()).contains(log.logIndex());
          }));
      assertThat(byScannedHeader.byMethod()).isEqualTo(Map.of("eth_getLogs", 1L));
      assertThat(byFreshHeader.byMethod()).isEqualTo(Map.of("eth_getBlockByNumber", 1L, "eth_getLogs", 1L));
    }
  }

  @Test
  void aBlockAboveAReorgsAncestorIsReadAfreshNotByTheHeaderTheScannerPassedBefore() throws Exception {
    ChainConnection connection = connected(anvil());
    RecordingEvents events = scanning(connection);
    InitiatingLog log = initiated();
    await().until(() -> events.scanned >= log.blockNumber() + 1);

    chain.reorg(3);
    chain.mine(1);
    await().until(() -> !events.reorgAncestors.isEmpty() && events.scanned >= chain.head());
    Map<Long, InitiatingBlock> read = connection.initiatingBlocks()
        .at(Map.of(log.blockNumber(), Set.of(log.origin())), Set.of());

    assertThat(read.get(log.blockNumber())).isInstanceOfSatisfying(InitiatingBlock.Produced.class,
        b -> assertThat(b.hash()).isEqualTo(chain.block(log.blockNumber()).hash().toLowerCase())
            .isNotEqualTo(log.blockHash().toLowerCase()));
  }

  @Test
  void whenTheFirstEndpointIsDownCallsGoToTheNextAndItBecomesActive() throws Exception {
    RpcStub down = stub(RpcStub.down(body -> ""));
    ChainConnection connection = connected(down.endpoint(901), anvil());
    InitiatingLog log = initiated();

    Map<Long, InitiatingBlock> read = connection.initiatingBlocks()
        .at(Map.of(log.blockNumber(), Set.of(log.origin())), Set.of());

    assertThat(read.get(log.blockNumber())).isInstanceOfSatisfying(InitiatingBlock.Produced.class,
        b -> assertThat(b.logs()).extracting(l -> l.logIndex()).contains(log.logIndex()));
    assertThat(connection.active()).isEqualTo(anvil());
  }

  /** A failing endpoint costs a call one attempt, not all its retries, before the next endpoint is asked. */
  @Test
  void aCallAsksTheNextEndpointAfterOneFailedAttemptAtTheFirst() throws Exception {
    var unavailable = ScriptedNode.start(request -> new ScriptedNode.Reply.Status(503, Map.of(), "down"));
    opened.add(unavailable::close);
    ChainSettings settings = TestSettings.FAST.withRetries(4, TestSettings.FAST.retry(),
        TestSettings.FAST.reconnect());
    var connection = new ChainConnection(List.of(new ChainEndpoint(901, URI.create(unavailable.httpUrl())), anvil()),
        settings, registry);
    opened.add(connection);
    InitiatingLog log = initiated();

    connection.initiatingBlocks().at(Map.of(log.blockNumber(), Set.of(log.origin())), Set.of());

    assertThat(unavailable.requests()).as("one attempt at the first endpoint").hasSize(1);
    assertThat(connection.active()).isEqualTo(anvil());
  }

  @Test
  void aScannerFollowsTheChainThroughTheSecondEndpointWhileTheFirstIsDown() {
    RpcStub down = stub(RpcStub.down(body -> ""));
    ChainConnection connection = connected(down.endpoint(901), anvil());
    var events = new RecordingEvents();
    var scanner = new LogScanner(connection, new StartBlock.Number(0), TestSettings.FAST,
        new LogScannerTest.MemoryCheckpoints(), registry);
    opened.add(scanner);
    scanner.start(events);

    InitiatingLog log = chain.emitInitiating(List.of(Hash.sha3String("failover")), "0x");
    ExecutingReceipt receipt = chain.emitExecuting(List.of(ExecSpec.of(log)));

    await().until(() -> events.found.stream().anyMatch(f -> f.blockHash().equals(receipt.blockHash())));
    assertThat(scanner.state().connected()).isTrue();
  }

  /**
   * The active endpoint makes an executing message's identifier up (a log's data is in no bloom): the scanner holds
   * the block's inbox logs against the second endpoint, does not pass the block while they differ, counts the
   * disagreement, and records the true logs once the first endpoint answers truthfully again.
   */
  @Test
  void aScannerRecordsNoInboxLogTheSecondEndpointContradictsAndTheTrueOnesOnceTheyAgree() throws Exception {
    var forward = RpcStub.forwardingTo(chain.rpcUrl(), answer -> answer);
    RpcStub forging = stub(RpcStub.up(body -> flipLastDataBit(body, forward.apply(body))));
    ChainConnection connection = connected(forging.endpoint(901), anvil());
    RecordingEvents events = scanning(connection);

    InitiatingLog log = chain.emitInitiating(List.of(Hash.sha3String("forged")), "0x");
    ExecutingReceipt receipt = chain.emitExecuting(List.of(ExecSpec.of(log)));

    await().until(() -> disagreements() >= 2);
    assertThat(events.found).noneMatch(f -> f.blockHash().equals(receipt.blockHash()));
    assertThat(events.scanned).isLessThan(receipt.blockNumber());

    forging.answer(forward);
    await().until(() -> events.found.stream().anyMatch(f -> f.blockHash().equals(receipt.blockHash())));
    BlockHeader block = connection.rpc().headersByHash(List.of(receipt.blockHash())).get(receipt.blockHash());
    List<String> trueData = connected(anvil()).rpc().inboxLogs(block).stream().map(ChainLog::data).toList();
    assertThat(events.found).filteredOn(f -> f.blockHash().equals(receipt.blockHash()))
        .extracting(f -> f.data()).containsExactlyElementsOf(trueData);
  }

  private double disagreements() {
    var counter = registry.find("crosswatch.rpc.disagreements").tag("chain.id", "901").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void everyEndpointIsReadCompletelyAndOneThatLeavesALogOutIsReadOnlyAsFarAsTheHashItNames() {
    var forward = RpcStub.forwardingTo(chain.rpcUrl(), answer -> answer);
    RpcStub lying = stub(RpcStub.up(body -> dropLastLog(body, forward.apply(body))));
    ChainConnection connection = connected(anvil(), lying.endpoint(901));
    InitiatingLog log = initiated();

    List<EndpointRead> reads = connection.initiatingBlocks().everyEndpoint(log.blockNumber());

    assertThat(reads).hasSize(2);
    assertThat(reads.get(0)).isInstanceOfSatisfying(EndpointRead.Read.class, r -> {
      assertThat(r.endpoint()).isEqualTo(anvil().display());
      assertThat(((InitiatingBlock.Produced) r.block()).logs()).isNotEmpty();
    });
    assertThat(reads.get(1)).isInstanceOfSatisfying(EndpointRead.Partial.class, p -> {
      assertThat(p.error()).contains("logsBloom");
      assertThat(p.hash()).isEqualTo(((InitiatingBlock.Produced) ((EndpointRead.Read) reads.get(0)).block()).hash());
    });
  }

  @Test
  void aBlockNotProducedYetIsReadAsSuchAtEveryEndpoint() {
    ChainConnection connection = connected(anvil());

    assertThat(connection.initiatingBlocks().everyEndpoint(chain.head() + 100))
        .singleElement().isEqualTo(new EndpointRead.Read(anvil().display(), InitiatingBlock.NOT_YET_PRODUCED));
  }

  /** The answer with the last bit of every inbox log's data flipped: a node making identifiers up. */
  private static String flipLastDataBit(String requestBody, String answerBody) {
    JsonNode request = JSON.readTree(requestBody);
    JsonNode answer = JSON.readTree(answerBody);
    if (!request.isArray() && request.get("method").asString().equals("eth_getLogs")
        && answer.get("result").isArray()) {
      for (JsonNode log : answer.get("result")) {
        if (log.get("address").asString().equalsIgnoreCase(ExecutingMessageDecoder.CROSS_L2_INBOX)) {
          String data = log.get("data").asString();
          char last = data.charAt(data.length() - 1);
          ((ObjectNode) log).put("data", data.substring(0, data.length() - 1)
              + Character.forDigit(Character.digit(last, 16) ^ 1, 16));
        }
      }
    }
    return JSON.writeValueAsString(answer);
  }

  /** The answer with the last log of every eth_getLogs result removed: a node hiding a log. */
  private static String dropLastLog(String requestBody, String answerBody) {
    JsonNode request = JSON.readTree(requestBody);
    JsonNode answer = JSON.readTree(answerBody);
    if (!request.isArray() && request.get("method").asString().equals("eth_getLogs")
        && answer.get("result").isArray() && !answer.get("result").isEmpty()) {
      var logs = (tools.jackson.databind.node.ArrayNode) answer.get("result");
      logs.remove(logs.size() - 1);
      ((ObjectNode) answer).set("result", logs);
    }
    return JSON.writeValueAsString(answer);
  }
}
