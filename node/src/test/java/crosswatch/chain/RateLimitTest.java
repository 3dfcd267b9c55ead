package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.chain.ScriptedNode.Reply;
import crosswatch.judge.Backoff;
import crosswatch.judge.ChainUnavailable;
import crosswatch.metrics.Meters;
import crosswatch.metrics.RpcMeters;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.LogEntry;
import crosswatch.protocol.LogsBloom;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rate limit is no refusal: the same request is asked again after the wait the node asked for, and a range of
 * logs is never narrowed because of it. A range too large is a refusal, even under the same error code.
 */
class RateLimitTest {
  private static final long CHAIN = 901;
  private static final ChainSettings SETTINGS = ChainSettings.DEFAULTS.withRequestTimeout(Duration.ofSeconds(2))
      .withRetries(3, new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)),
          new Backoff(Duration.ofMillis(100), Duration.ofMillis(200)));

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private static final LogEntry INBOX_ENTRY = new LogEntry(ExecutingMessageDecoder.CROSS_L2_INBOX,
      List.of(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC, "0x" + "b".repeat(64)), "0x", 0);

  /** A node whose odd blocks hold one inbox log each (and say so in their blooms), every block its parent's child. */
  private final ScriptedNode.Script serving = ScriptedNode.answering(ScriptedNode.chain(CHAIN,
      (method, params) -> switch (method) {
        case "eth_getLogs" -> LongStream.rangeClosed(Long.decode(params.get(0).get("fromBlock").asString()),
            Long.decode(params.get(0).get("toBlock").asString())).filter(n -> n % 2 == 1).mapToObj(n -> Map.of(
                "address", INBOX_ENTRY.address(), "topics", INBOX_ENTRY.topics(), "data", INBOX_ENTRY.data(),
                "blockNumber", "0x" + Long.toHexString(n), "blockHash", hash(n),
                "transactionHash", "0x" + "c".repeat(64), "logIndex", "0x0")).toList();
        default -> header(Long.decode(params.get(0).asString()));
      }));

  private static String hash(long number) {
    return "0x" + "%064x".formatted(number + 0xabc);
  }

  private static Map<String, Object> header(long number) {
    LogsBloom bloom = number % 2 == 1 ? LogsBloom.of(List.of(INBOX_ENTRY)) : LogsBloom.empty();
    return Map.of("number", "0x" + Long.toHexString(number), "hash", hash(number), "parentHash", hash(number - 1),
        "timestamp", "0x64", "logsBloom", bloom.toHex());
  }

  /** When each eth_getLogs reached the node (System.nanoTime). */
  private final List<Long> scansAt = new CopyOnWriteArrayList<>();
  private ScriptedNode node;
  private ChainRpc rpc;

  @BeforeEach
  void connect() {
    node = ScriptedNode.start(serving);
    var meters = new RpcMeters(registry, CHAIN);
    var endpoint = new ChainEndpoint(CHAIN, URI.create(node.httpUrl()));
    rpc = new ChainRpc(new RpcClient(endpoint, new HttpTransport(endpoint, SETTINGS, meters), SETTINGS, meters));
  }

  @AfterEach
  void stop() {
    rpc.close();
    node.close();
  }

  /** The first scan of a range is answered as {@code limited} says, everything else as a node would. */
  private void limitingTheFirstScan(ScriptedNode.Script limited) {
    node.script(request -> {
      if (!request.contains("eth_getLogs")) {
        return serving.reply(request);
      }
      scansAt.add(System.nanoTime());
      return scansAt.size() == 1 ? limited.reply(request) : serving.reply(request);
    });
  }

  /** Answers every call of a request with this error object. */
  private static ScriptedNode.Script refusing(int code, String message) {
    return ScriptedNode.answering((method, params) -> {
      throw new ScriptedNode.Refusal(code, message);
    });
  }

  private List<String> scansAsked() {
    return node.requests().stream().filter(r -> r.contains("eth_getLogs")).map(r -> {
      JsonNode request = JSON.readTree(r);
      JsonNode filter = (request.isArray() ? request.get(0) : request).get("params").get(0);
      return filter.get("fromBlock").asString() + "-" + filter.get("toBlock").asString();
    }).toList();
  }

  private double rateLimited() {
    return registry.get(Meters.RPC_REQUESTS).tags(Meters.METHOD, "eth_getLogs", Meters.OUTCOME, "rate-limited")
        .counter().count();
  }

  @Test
  void a429IsWaitedOutAsLongAsRetryAfterSaysAndTheSameRangeIsAskedAgain() throws Exception {
    limitingTheFirstScan(request -> new Reply.Status(429, Map.of("Retry-After", "1"), "slow down"));

    RangeScan scan = rpc.scan(5, 9);

    assertThat(Duration.ofNanos(scansAt.get(1) - scansAt.get(0)))
        .isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
    assertThat(scan.logsTook()).as("the answer's own time, not the wait: the range is not narrowed for it")
        .isLessThan(Duration.ofMillis(900));
    assertThat(scan.logs()).extracting(ChainLog::blockNumber).containsExactly(5L, 7L, 9L);
    assertThat(scansAsked()).containsExactly("0x5-0x9", "0x5-0x9");
    assertThat(rateLimited()).isEqualTo(1);
  }

  @Test
  void anErrorObjectThatSaysRateLimitedIsWaitedOutToo() throws Exception {
    limitingTheFirstScan(refusing(-32005, "daily request count exceeded, request rate limited"));

    assertThat(rpc.scan(5, 9).logs()).hasSize(3);
    assertThat(scansAsked()).containsExactly("0x5-0x9", "0x5-0x9");
  }

  @Test
  void aRateLimitThatNamesItsWaitInItsDataIsWaitedOutThatLong() throws Exception {
    limitingTheFirstScan(request -> new Reply.Text("{\"jsonrpc\":\"2.0\",\"id\":"
        + ScriptedNode.ids(request).getFirst() + ",\"error\":{\"code\":-32005,\"message\":\"request rate exceeded\","
        + "\"data\":{\"backoff_seconds\":1}}}"));

    assertThat(rpc.scan(5, 9).logs()).hasSize(3);
    assertThat(Duration.ofNanos(scansAt.get(1) - scansAt.get(0)))
        .isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
  }

  /** Callers of a limited endpoint do not each ask again after the wait: one does, the others wait for it. */
  @Test
  void whileTheLimitLastsOneCallAtATimeAsksAgain() {
    node.script(request -> {
      if (!request.contains("eth_getLogs")) {
        return serving.reply(request);
      }
      scansAt.add(System.nanoTime());
      return new Reply.Status(429, Map.of("Retry-After", "1"), "slow down");
    });
    int callers = 3;
    List<CompletableFuture<Void>> calls = IntStream.range(0, callers).mapToObj(i -> CompletableFuture.runAsync(
        () -> assertThatThrownBy(() -> rpc.scan(5, 9)).isInstanceOf(ChainUnavailable.class))).toList();
    calls.forEach(CompletableFuture::join);

    assertThat(scansAt).hasSize(callers * SETTINGS.attempts());
    // The first attempts went out before any limit was known; every later one waited for the one before.
    List<Long> later = scansAt.stream().sorted().skip(callers).toList();
    for (int i = 1; i < later.size(); i++) {
      assertThat(Duration.ofNanos(later.get(i) - later.get(i - 1))).isGreaterThan(Duration.ofMillis(900));
    }
  }

  @Test
  void aRangeTooLargeUnderTheSameCodeIsARefusalSoThatTheScannerAsksForLess() {
    ScriptedNode.Script tooMuch = refusing(-32005, "query returned more than 10000 results");
    node.script(request -> request.contains("eth_getLogs") ? tooMuch.reply(request) : serving.reply(request));

    assertThatThrownBy(() -> rpc.scan(5, 9))
        .isInstanceOfSatisfying(ChainUnavailable.class, e -> assertThat(RpcClient.refused(e)).isTrue());
    assertThat(scansAsked()).containsExactly("0x5-0x9");
  }
}
