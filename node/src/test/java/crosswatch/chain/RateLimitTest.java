package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.chain.ScriptedNode.Reply;
import crosswatch.judge.Backoff;
import crosswatch.judge.ChainUnavailable;
import crosswatch.metrics.Meters;
import crosswatch.metrics.RpcMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final ScriptedNode.Script serving = ScriptedNode.answering(ScriptedNode.chain(CHAIN,
      (method, params) -> switch (method) {
        case "eth_getLogs" -> List.of();
        default -> TransportContract.header(Long.decode(params.get(0).asString()));
      }));
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
    var scans = new AtomicInteger();
    node.script(request -> request.contains("eth_getLogs") && scans.getAndIncrement() == 0
        ? limited.reply(request) : serving.reply(request));
  }

  /** Answers every call of a request with this error object. */
  private static ScriptedNode.Script refusing(int code, String message) {
    return ScriptedNode.answering((method, params) -> {
      throw new ScriptedNode.Refusal(code, message);
    });
  }

  private List<String> scansAsked() {
    return node.requests().stream().filter(r -> r.contains("eth_getLogs")).map(r -> {
      JsonNode filter = JSON.readTree(r).get(0).get("params").get(0);
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

    long start = System.nanoTime();
    RangeScan scan = rpc.scan(5, 9);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(950), Duration.ofSeconds(3));
    assertThat(scan.last().number()).isEqualTo(9);
    assertThat(scansAsked()).containsExactly("0x5-0x9", "0x5-0x9");
    assertThat(rateLimited()).isEqualTo(1);
  }

  @Test
  void anErrorObjectThatSaysRateLimitedIsWaitedOutToo() throws Exception {
    limitingTheFirstScan(refusing(-32005, "daily request count exceeded, request rate limited"));

    assertThat(rpc.scan(5, 9).last().number()).isEqualTo(9);
    assertThat(scansAsked()).containsExactly("0x5-0x9", "0x5-0x9");
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
