package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.judge.Backoff;
import crosswatch.judge.ChainUnavailable;
import crosswatch.metrics.Meters;
import crosswatch.metrics.RpcMeters;
import crosswatch.protocol.ExecutingMessageDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  private static Map<String, Object> header(long number, String hash) {
    return Map.of("number", "0x" + Long.toHexString(number), "hash", hash, "parentHash", HASH_B,
        "timestamp", "0x64");
  }

  private static Map<String, Object> inboxLog(long number, String blockHash) {
    return Map.of("address", ExecutingMessageDecoder.CROSS_L2_INBOX,
        "topics", List.of(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC, HASH_B), "data", "0x",
        "blockNumber", "0x" + Long.toHexString(number), "blockHash", blockHash, "transactionHash", HASH_A,
        "logIndex", "0x0");
  }

  /** A node whose every block n has hash A and whose logs for a range are one inbox log in its first block. */
  private static RpcStub.Results healthy() {
    return (method, params) -> switch (method) {
      case "eth_getBlockByNumber" -> header(Long.decode(params.get(0).asString()), HASH_A);
      case "eth_getLogs" -> List.of(inboxLog(Long.decode(params.get(0).get("fromBlock").asString()), HASH_A));
      default -> throw new RpcStub.Refusal("unexpected " + method);
    };
  }

  @Nested
  class Answers {
    @Test
    void aHeaderIsReadAndItsCallCountedOk() throws Exception {
      BlockHeader head = connect(RpcStub.up(RpcStub.results((m, p) -> header(5, HASH_A)))).latestHeader();

      assertThat(head).isEqualTo(new BlockHeader(5, HASH_A, HASH_B, 100));
      assertThat(calls("eth_getBlockByNumber", "ok")).isEqualTo(1);
    }

    @Test
    void logsAndTheHeadersAtBothEndsOfARangeGoAsOneBatch() throws Exception {
      RangeScan scan = connect(RpcStub.up(RpcStub.results(healthy()))).scan(5, 9);

      assertThat(stub.requests()).hasSize(1);
      assertThat(scan.first().number()).isEqualTo(5);
      assertThat(scan.last().number()).isEqualTo(9);
      assertThat(scan.logs()).singleElement().satisfies(l -> assertThat(l.blockNumber()).isEqualTo(5));
      assertThat(calls("eth_getLogs", "ok")).isEqualTo(1);
      assertThat(calls("eth_getBlockByNumber", "ok")).isEqualTo(2);
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
      var good = RpcStub.results((m, p) -> header(5, HASH_A));
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

      assertThatThrownBy(() -> rpc.scan(5, 5)).isInstanceOf(ChainUnavailable.class);
      assertThat(calls("eth_getLogs", "garbled")).isEqualTo(ATTEMPTS);
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
      return header(Long.decode(params.get(0).asString()), HASH_A);
    };

    @Test
    void aRefusedRangeIsNotRetriedSoThatTheScannerCanAskForLess() {
      connect(RpcStub.up(RpcStub.results(refusingLogs)));

      assertThatThrownBy(() -> rpc.scan(5, 9))
          .isInstanceOfSatisfying(ChainUnavailable.class, e -> assertThat(RpcClient.refused(e)).isTrue());
      assertThat(stub.requests()).hasSize(1);
      assertThat(calls("eth_getLogs", "error")).isEqualTo(1);
    }

    @Test
    void aRefusedSingleBlockIsRetriedLikeAnyFailure() {
      connect(RpcStub.up(RpcStub.results(refusingLogs)));

      assertThatThrownBy(() -> rpc.scan(5, 5)).isInstanceOf(ChainUnavailable.class);
      assertThat(stub.requests()).hasSize(ATTEMPTS);
    }
  }

  @Nested
  class Consistency {
    @Test
    void aLogCarryingAnotherHashThanItsBlockIsInconsistentAndRetried() {
      connect(RpcStub.up(RpcStub.results((method, params) -> method.equals("eth_getLogs")
          ? List.of(inboxLog(5, HASH_B)) : header(5, HASH_A))));

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

      assertThat(rpc.initiatingBlocks(List.of(42L)))
          .containsEntry(42L, crosswatch.protocol.InitiatingBlock.NOT_YET_PRODUCED);
    }
  }

  private static String idOf(String body) {
    return body.replaceAll(".*\"id\":(\\d+).*", "$1");
  }
}
