package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import crosswatch.chain.ScriptedNode.Reply;
import crosswatch.judge.Backoff;
import crosswatch.judge.ChainUnavailable;
import crosswatch.metrics.RpcMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link RpcClient#health()} says of an endpoint while it fails, hangs, lies about its chain and recovers. */
class EndpointHealthTest {
  private static final long CHAIN = 901;
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final ChainSettings SETTINGS = ChainSettings.DEFAULTS.withRequestTimeout(TIMEOUT)
      .withRetries(3, new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)),
          new Backoff(Duration.ofMillis(100), Duration.ofMillis(200)));

  private ScriptedNode node;
  private RpcClient client;

  enum Scheme { HTTP, WS }

  private void connect(Scheme scheme) {
    node = ScriptedNode.start(ScriptedNode.answering(TransportContract.serving(CHAIN)));
    var meters = new RpcMeters(new SimpleMeterRegistry(), CHAIN);
    var endpoint = new ChainEndpoint(CHAIN, URI.create(scheme == Scheme.HTTP ? node.httpUrl() : node.wsUrl()));
    Transport transport = scheme == Scheme.HTTP
        ? new HttpTransport(endpoint, SETTINGS, meters) : new WebSocketTransport(endpoint, SETTINGS, meters);
    client = new RpcClient(endpoint, transport, SETTINGS, meters);
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  private long latest() throws ChainUnavailable {
    return client.call(List.of(RpcRequests.latestHeader()), a -> RpcAnswers.header(a.getFirst()).number());
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void nothingAskedYetIsNotConnected(Scheme scheme) {
    connect(scheme);

    assertThat(client.health()).isEqualTo(new EndpointHealth(node.httpUrl().replace("http", scheme.name()
        .toLowerCase()), false, java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.OptionalLong.empty()));
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void aNodeThatStopsAnsweringShowsDisconnectedWithinTheTimeoutWhileTheCallStillWaits(Scheme scheme)
      throws Exception {
    connect(scheme);
    latest();
    assertThat(client.health().connected()).isTrue();
    node.script(request -> new Reply.Silence());

    long start = System.nanoTime();
    var waiting = CompletableFuture.runAsync(() -> assertThatThrownBy(this::latest)
        .isInstanceOf(ChainUnavailable.class));
    await().atMost(TIMEOUT.multipliedBy(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> !client.health().connected());
    Duration disconnectedAfter = Duration.ofNanos(System.nanoTime() - start);

    assertThat(waiting).as("the call still waits for its later attempts").isNotDone();
    assertThat(disconnectedAfter).isLessThan(TIMEOUT.plusMillis(500));
    assertThat(client.health().lastError()).as("why, while the call still waits").hasValue("timeout after 1s");
    waiting.join();
    assertThat(client.health().lastError()).hasValue("timeout after 1s");
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void afterRecoveryTheErrorIsClearedAndWhenItWasLastSeenIsKept(Scheme scheme) throws Exception {
    connect(scheme);
    var requests = new AtomicInteger();
    var serving = ScriptedNode.answering(TransportContract.serving(CHAIN));
    node.script(request -> requests.getAndIncrement() == 1 ? new Reply.Text("<html>oops</html>")
        : serving.reply(request));

    assertThat(latest()).isEqualTo(100);

    EndpointHealth health = client.health();
    assertThat(health.connected()).isTrue();
    assertThat(health.lastError()).isEmpty();
    assertThat(health.lastErrorAt()).isPresent();
    assertThat(health.lastOkAt()).hasValueSatisfying(ok -> assertThat(ok).isAfterOrEqualTo(health.lastErrorAt().get()));
  }

  /** Upstream text that must never reach the health: bodies, error messages, keys. */
  @ParameterizedTest
  @ValueSource(strings = {"503", "429", "error", "html"})
  void lastErrorIsShortAndOursNeverTheNodesText(String fault) throws Exception {
    connect(Scheme.HTTP);
    latest();
    node.script(request -> switch (fault) {
      case "503" -> new Reply.Status(503, Map.of(), "upstream SECRET-BODY down");
      case "429" -> new Reply.Status(429, Map.of(), "SECRET-BODY: too many requests for key ABC");
      case "error" -> new Reply.Text("{\"jsonrpc\":\"2.0\",\"id\":" + ScriptedNode.ids(request).getFirst()
          + ",\"error\":{\"code\":-32000,\"message\":\"SECRET-BODY internal error\"}}");
      default -> new Reply.Text("<html>SECRET-BODY</html>");
    });

    assertThatThrownBy(this::latest).isInstanceOf(ChainUnavailable.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET", "ABC"));

    assertThat(client.health().lastError()).hasValue(switch (fault) {
      case "503" -> "http 503";
      case "429" -> "rate limited (http 429)";
      case "error" -> "json-rpc error -32000";
      default -> "garbled answer: not json";
    });
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void anEndpointServingAnotherChainSaysWhichAndFailsAtOnce(Scheme scheme) throws Exception {
    connect(scheme);
    node.script(ScriptedNode.answering(TransportContract.serving(902)));

    long start = System.nanoTime();
    assertThatThrownBy(this::latest).isInstanceOf(ChainUnavailable.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    assertThat(node.requestsOf("eth_chainId")).as("one check, no retries of the call").isEqualTo(1);
    EndpointHealth health = client.health();
    assertThat(health.connected()).isFalse();
    assertThat(health.wrongChainId()).hasValue(902);
    assertThat(health.lastError()).hasValue("serves chain 902");

    node.script(ScriptedNode.answering(TransportContract.serving(CHAIN)));
    await().ignoreExceptions().until(() -> latest() == 100);
    assertThat(client.health().wrongChainId()).isEmpty();
  }
}
