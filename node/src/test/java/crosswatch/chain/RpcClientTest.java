package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.judge.Backoff;
import crosswatch.judge.ChainUnavailable;
import crosswatch.metrics.Meters;
import crosswatch.metrics.RpcMeters;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.LogEntry;
import crosswatch.protocol.LogsBloom;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** RPC access against a stub node over real http: retries, batches, strict reading, and what is counted. */
class RpcClientTest {
  private static final long CHAIN = 9;
  private static final int ATTEMPTS = 3;
  private static final String HASH_A = "0x" + "a".repeat(64);
  private static final String HASH_B = "0x" + "b".repeat(64);
  private static final ChainSettings SETTINGS = ChainSettings.DEFAULTS
      .withRequestTimeout(Duration.ofSeconds(1))
      .withRetries(ATTEMPTS, new Backoff(Duration.ofMillis(5), Duration.ofMillis(10)),
          new Backoff(Duration.ofMillis(5), Duration.ofMillis(10)));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CountDownLatch released = new CountDownLatch(1);
  private RpcStub stub;
  private ChainRpc rpc;

  private ChainRpc connect(RpcStub node) {
    stub = node;
    ChainEndpoint endpoint = node.endpoint(CHAIN);
    var meters = new RpcMeters(registry, CHAIN);
    rpc = new ChainRpc(new RpcClient(endpoint, new HttpTransport(endpoint, SETTINGS, meters), SETTINGS, meters));
    return rpc;
  }

  @AfterEach
  void stop() {
    released.countDown();
    rpc.close();
    stub.close();
  }

  private double calls(String method, String outcome) {
    return registry.get(Meters.RPC_REQUESTS)
        .tags(Meters.CHAIN_ID, "9", Meters.METHOD, method, Meters.OUTCOME, outcome).counter().count();
  }

  /** Block n's hash on the stub's chain, so that each block's parent is the one before it. */
  private static String hash(long number) {
    return "0x" + "%064x".formatted(number + 0xabc);
  }

  /** Blocks whose number is a multiple of five hold one inbox log; the others hold none. */
  private static boolean holdsInboxLog(long number) {
    return number % 5 == 0;
  }

  private static Map<String, Object> header(long number) {
    LogsBloom bloom = holdsInboxLog(number) ? LogsBloom.of(List.of(INBOX_ENTRY)) : LogsBloom.empty();
    return Map.of("number", "0x" + Long.toHexString(number), "hash", hash(number), "parentHash", hash(number - 1),
        "timestamp", "0x64", "logsBloom", bloom.toHex());
  }

  private static final LogEntry INBOX_ENTRY = new LogEntry(ExecutingMessageDecoder.CROSS_L2_INBOX,
      List.of(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC, HASH_B), "0x", 0);

  private static Map<String, Object> inboxLog(long number, String blockHash) {
    return Map.of("address", INBOX_ENTRY.address(), "topics", INBOX_ENTRY.topics(), "data", INBOX_ENTRY.data(),
        "blockNumber", "0x" + Long.toHexString(number), "blockHash", blockHash, "transactionHash", HASH_A,
        "logIndex", "0x0");
  }

  private static long number(String quantity) {
    return Long.decode(quantity);
  }

  /** A truthful node: headers by number, inbox logs over a range or of one block by hash. */
  private static RpcStub.Results healthy() {
    return (method, params) -> switch (method) {
      case "eth_getBlockByNumber" -> header(number(params.get(0).asString()));
      case "eth_getLogs" -> {
        var filter = params.get(0);
        if (filter.has("blockHash")) {
          long n = number(filter.get("blockHash").asString()) - 0xabc;
          yield holdsInboxLog(n) ? List.of(inboxLog(n, hash(n))) : List.of();
        }
        yield LongStream.rangeClosed(number(filter.get("fromBlock").asString()),
            number(filter.get("toBlock").asString())).filter(RpcClientTest::holdsInboxLog)
            .mapToObj(n -> inboxLog(n, hash(n))).toList();
      }
      default -> throw new RpcStub.Refusal("unexpected " + method);
    };
  }

  /** {@link #healthy()}, but every eth_getLogs answers an empty list: a node whose log index lags, or lies. */
  private static RpcStub.Results hidingLogs() {
    RpcStub.Results truth = healthy();
    return (method, params) -> method.equals("eth_getLogs") ? List.of() : truth.result(method, params);
  }

  @Nested
  class Answers {
    @Test
    void aHeaderIsReadWithItsBloomAndItsCallCountedOk() throws Exception {
      BlockHeader head = connect(RpcStub.up(RpcStub.results((m, p) -> header(5)))).latestHeader();

      assertThat(head).isEqualTo(new BlockHeader(5, hash(5), hash(4), 100, LogsBloom.of(List.of(INBOX_ENTRY))));
      assertThat(calls("eth_getBlockByNumber", "ok")).isEqualTo(1);
    }

    @Test
    void aRangeIsItsHeadersInOneBatchThenTheLogsOfTheBlocksWhoseBloomAdmitsThem() throws Exception {
      RangeScan scan = connect(RpcStub.up(RpcStub.results(healthy()))).scan(5, 9);

      assertThat(stub.requests()).hasSize(2);
      assertThat(scan.headers()).extracting(BlockHeader::number).containsExactly(5L, 6L, 7L, 8L, 9L);
      assertThat(scan.logs()).singleElement().satisfies(l -> assertThat(l.blockNumber()).isEqualTo(5));
      assertThat(scan.unexplained()).isEmpty();
      assertThat(calls("eth_getLogs", "ok")).isEqualTo(1);
      assertThat(calls("eth_getBlockByNumber", "ok")).isEqualTo(5);
    }

    @Test
    void aRangeWhoseBloomsRuleOutInboxLogsNeedsNoLogsRequest() throws Exception {
      RangeScan scan = connect(RpcStub.up(RpcStub.results(healthy()))).scan(6, 9);

      assertThat(stub.requests()).hasSize(1);
      assertThat(scan.logs()).isEmpty();
      assertThat(scan.unexplained()).isEmpty();
    }

    @Test
    void aBlockWhoseBloomAdmitsInboxLogsThatTheAnswerLacksIsLeftUnexplained() throws Exception {
      RangeScan scan = connect(RpcStub.up(RpcStub.results(hidingLogs()))).scan(5, 11);

      assertThat(scan.logs()).isEmpty();
      assertThat(scan.unexplained()).extracting(BlockHeader::number).containsExactly(5L, 10L);
    }

    @Test
    void headersThatDoNotFormAChainAreNotAccepted() {
      RpcStub.Results truth = healthy();
      connect(RpcStub.up(RpcStub.results((method, params) -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> header = truth.result(method, params) instanceof Map<?, ?> m
            ? new HashMap<>((Map<String, Object>) m) : null;
        if (header != null && header.get("number").equals("0x7")) {
          header.put("parentHash", HASH_A);
        }
        return header;
      })));

      assertThatThrownBy(() -> rpc.scan(6, 9)).isInstanceOf(ChainUnavailable.class)
          .hasMessageContaining("do not form a chain");
    }
  }

  @Nested
  class CompleteReads {
    @Test
    void everyLogOfABlockIsAcceptedWhenTheyMakeItsBloom() throws Exception {
      connect(RpcStub.up(RpcStub.results(healthy())));
      BlockHeader block = rpc.headers(List.of(10L)).get(10L);

      assertThat(rpc.completeLogs(block)).singleElement().satisfies(l -> assertThat(l.logIndex()).isZero());
    }

    @Test
    void anAnswerThatLeavesALogOutIsInconsistentAndRetried() {
      connect(RpcStub.up(RpcStub.results(hidingLogs())));

      assertThatThrownBy(() -> rpc.completeLogs(rpc.headers(List.of(10L)).get(10L)))
          .isInstanceOf(ChainUnavailable.class).hasMessageContaining("logsBloom");
      assertThat(calls("eth_getLogs", "inconsistent")).isEqualTo(ATTEMPTS);
    }

    @Test
    void aBlockWithoutLogsIsProvenEmptyByItsEmptyBloom() throws Exception {
      connect(RpcStub.up(RpcStub.results(hidingLogs())));

      assertThat(rpc.completeLogs(rpc.headers(List.of(7L)).get(7L))).isEmpty();
    }
  }

  @Nested
  class Failures {
    @Test
    void garbageIsRetriedAndWhenItPersistsTheChainIsUnavailable() {
      connect(RpcStub.up(body -> "<html>busy</html>"));

      assertThatThrownBy(() -> rpc.latestHeader()).isInstanceOf(ChainUnavailable.class);
      assertThat(stub.requests()).hasSize(ATTEMPTS);
      assertThat(calls("eth_getBlockByNumber", "garbled")).isEqualTo(ATTEMPTS);
    }

    @Test
    void aFailedAttemptFollowedByAnAnswerSucceeds() throws Exception {
      var attempts = new AtomicInteger();
      var good = RpcStub.results((m, p) -> header(5));
      connect(RpcStub.up(body -> attempts.incrementAndGet() == 1 ? "{" : good.apply(body)));

      assertThat(rpc.latestHeader().number()).isEqualTo(5);
      assertThat(calls("eth_getBlockByNumber", "garbled")).isEqualTo(1);
      assertThat(calls("eth_getBlockByNumber", "ok")).isEqualTo(1);
    }

    @Test
    void nullWhereABlockMustBeIsGarbled() {
      connect(RpcStub.up(body -> "{\"jsonrpc\":\"2.0\",\"id\":" + idOf(body) + ",\"result\":null}"));

      assertThatThrownBy(() -> rpc.latestHeader()).isInstanceOf(ChainUnavailable.class);
      assertThat(calls("eth_getBlockByNumber", "garbled")).isEqualTo(ATTEMPTS);
    }

    @Test
    void aValueOfTheWrongTypeIsGarbled() {
      connect(RpcStub.up(RpcStub.results((m, p) -> Map.of("number", 5, "hash", "not a hash"))));

      assertThatThrownBy(() -> rpc.latestHeader()).isInstanceOf(ChainUnavailable.class);
      assertThat(calls("eth_getBlockByNumber", "garbled")).isEqualTo(ATTEMPTS);
    }

    @Test
    void aBatchAnsweredWithTooFewAnswersIsGarbled() {
      connect(RpcStub.up(body -> "[]"));

      assertThatThrownBy(() -> rpc.scan(5, 6)).isInstanceOf(ChainUnavailable.class);
      assertThat(calls("eth_getBlockByNumber", "garbled")).isEqualTo(2 * ATTEMPTS);
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeTimesOut() {
      connect(RpcStub.up(body -> {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "";
      }));

      assertThatThrownBy(() -> rpc.latestHeader()).isInstanceOf(ChainUnavailable.class);
      assertThat(calls("eth_getBlockByNumber", "timeout")).isEqualTo(ATTEMPTS);
    }
  }

  @Nested
  class Refusals {
    private final RpcStub.Results refusingLogs = (method, params) -> {
      if (method.equals("eth_getLogs")) {
        throw new RpcStub.Refusal("query returned more than 10000 results");
      }
      return header(number(params.get(0).asString()));
    };

    @Test
    void aRefusedRangeIsNotRetriedSoThatTheScannerCanAskForLess() {
      connect(RpcStub.up(RpcStub.results(refusingLogs)));

      assertThatThrownBy(() -> rpc.scan(5, 10))
          .isInstanceOfSatisfying(ChainUnavailable.class, e -> assertThat(RpcClient.refused(e)).isTrue());
      assertThat(stub.requests()).hasSize(2);
      assertThat(calls("eth_getLogs", "error")).isEqualTo(1);
    }

    @Test
    void aRefusedSingleBlockIsRetriedLikeAnyFailure() {
      connect(RpcStub.up(RpcStub.results(refusingLogs)));

      assertThatThrownBy(() -> rpc.scan(5, 5)).isInstanceOf(ChainUnavailable.class);
      assertThat(stub.requests()).hasSize(1 + ATTEMPTS);
    }
  }

  @Nested
  class Consistency {
    @Test
    void aLogCarryingAnotherHashThanItsBlockIsInconsistentAndRetried() {
      connect(RpcStub.up(RpcStub.results((method, params) -> method.equals("eth_getLogs")
          ? List.of(inboxLog(5, HASH_B)) : header(5))));

      assertThatThrownBy(() -> rpc.scan(5, 5)).isInstanceOf(ChainUnavailable.class);
      assertThat(calls("eth_getLogs", "inconsistent")).isEqualTo(ATTEMPTS);
    }

    @Test
    void anInitiatingBlockNotProducedYetIsReadAsSuchWithoutReadingItsLogs() throws Exception {
      connect(RpcStub.up(RpcStub.results((method, params) -> {
        if (method.equals("eth_getLogs")) {
          throw new RpcStub.Refusal("block range extends beyond current head block");
        }
        return null;
      })));

      assertThat(rpc.initiatingBlocks(Map.of(42L, Set.of(HASH_A.substring(0, 42))), Map.of()))
          .containsEntry(42L, crosswatch.protocol.InitiatingBlock.NOT_YET_PRODUCED);
    }
  }

  private static String idOf(String body) {
    return body.replaceAll(".*\"id\":(\\d+).*", "$1");
  }
}
