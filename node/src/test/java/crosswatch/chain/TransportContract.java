package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import crosswatch.chain.ScriptedNode.Reply;
import crosswatch.judge.Backoff;
import crosswatch.devnet.FreePort;
import crosswatch.metrics.Meters;
import crosswatch.metrics.RpcMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every transport must do, against a node that misbehaves on purpose: answers matched by id, a garbled answer
 * failing its own request at once, every call bounded by the timeout, the chain id checked on each connection.
 */
abstract class TransportContract {
  static final long CHAIN = 901;
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final ChainSettings SETTINGS = ChainSettings.DEFAULTS.withRequestTimeout(TIMEOUT)
      .withRetries(1, new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)),
          new Backoff(Duration.ofMillis(300), Duration.ofMillis(600)));
  static final JsonMapper JSON = JsonMapper.builder().build();

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RpcMeters meters = new RpcMeters(registry, CHAIN);
  ScriptedNode node;
  Transport transport;

  /** The transport under test, for {@code endpoint}. */
  abstract Transport transport(ChainEndpoint endpoint);

  /** The scripted node's URL in the transport's scheme. */
  abstract String url(ScriptedNode node);

  @BeforeEach
  void start() {
    node = ScriptedNode.start(ScriptedNode.answering(serving(CHAIN)));
    transport = transport(new ChainEndpoint(CHAIN, URI.create(url(node))));
  }

  @AfterEach
  void stop() {
    transport.close();
    node.close();
  }

  /** A node of {@code chainId} whose block n has number n, and whose latest block is 100. */
  static ScriptedNode.Results serving(long chainId) {
    return ScriptedNode.chain(chainId, (method, params) -> switch (method) {
      case "eth_getBlockByNumber" -> header(params.get(0).asString().equals("latest") ? 100
          : Long.decode(params.get(0).asString()));
      default -> throw new ScriptedNode.Refusal(-32601, "method not found");
    });
  }

  static Map<String, Object> header(long number) {
    return Map.of("number", "0x" + Long.toHexString(number), "hash", "0x" + "a".repeat(64),
        "parentHash", "0x" + "b".repeat(64), "timestamp", "0x64", "logsBloom", "0x" + "0".repeat(512));
  }

  /** Asks for the headers of these blocks in one round trip and returns the numbers read, in answer order. */
  List<Long> numbers(long... blocks) throws RpcFailure {
    List<Request<?, ? extends Response<?>>> requests =
        Arrays.stream(blocks).<Request<?, ? extends Response<?>>>mapToObj(RpcRequests::header).toList();
    var numbers = new ArrayList<Long>();
    for (Response<?> answer : transport.send(requests)) {
      numbers.add(RpcAnswers.header(answer).number());
    }
    return numbers;
  }

  /** Runs {@code call}, which must fail with {@code kind} well within the timeout. */
  static RpcFailure failsAtOnce(RpcCall call, RpcFailure.Kind kind) {
    long start = System.nanoTime();
    RpcFailure failure = fails(call, kind);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
    return failure;
  }

  static RpcFailure fails(RpcCall call, RpcFailure.Kind kind) {
    try {
      call.run();
    } catch (RpcFailure e) {
      assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
      return e;
    }
    throw new AssertionError("no failure, expected " + kind);
  }

  @FunctionalInterface
  interface RpcCall {
    void run() throws RpcFailure;
  }

  /** Passes this node's answers through {@code alter}: the calls are answered as {@link #serving} says. */
  void answersAltered(UnaryOperator<String> alter) {
    node.script(ScriptedNode.answering(serving(CHAIN), alter));
  }

  double counted(String method, String outcome) {
    return registry.get(Meters.RPC_REQUESTS)
        .tags(Meters.CHAIN_ID, Long.toString(CHAIN), Meters.METHOD, method, Meters.OUTCOME, outcome).counter().count();
  }

  @Test
  void batchAnswersInAnotherOrderAreMatchedById() throws Exception {
    answersAltered(text -> {
      if (!text.startsWith("[")) {
        return text;
      }
      ArrayNode reversed = JSON.createArrayNode();
      JSON.readTree(text).forEach(answer -> reversed.insert(0, answer));
      return JSON.writeValueAsString(reversed);
    });

    assertThat(numbers(1, 2, 3)).containsExactly(1L, 2L, 3L);
  }

  /** Ways a batch answer can be wrong while still being JSON. */
  enum BrokenBatch {
    MISSING_ANSWER(answers -> answers.remove(answers.size() - 1)),
    DUPLICATE_ID(answers -> ((ObjectNode) answers.get(1)).set("id", answers.get(0).get("id"))),
    UNKNOWN_ID(answers -> ((ObjectNode) answers.get(1)).put("id", 987_654_321L)),
    WRONG_VERSION(answers -> ((ObjectNode) answers.get(1)).put("jsonrpc", "1.0")),
    WRONG_TYPE(answers -> ((ObjectNode) answers.get(1).get("result")).putObject("number")),
    RESULT_AND_ERROR(answers -> ((ObjectNode) answers.get(1)).putObject("error").put("code", -32000));

    private final Consumer<ArrayNode> breaking;

    BrokenBatch(Consumer<ArrayNode> breaking) {
      this.breaking = breaking;
    }

    String apply(String batch) {
      ArrayNode answers = (ArrayNode) JSON.readTree(batch);
      breaking.accept(answers);
      return JSON.writeValueAsString(answers);
    }
  }

  @ParameterizedTest
  @EnumSource(BrokenBatch.class)
  void aBrokenBatchAnswerFailsItsRequestAsGarbledAtOnce(BrokenBatch broken) throws Exception {
    assertThat(numbers(7)).containsExactly(7L);
    answersAltered(text -> text.startsWith("[") ? broken.apply(text) : text);

    failsAtOnce(() -> numbers(1, 2, 3), RpcFailure.Kind.GARBLED);
    assertThat(numbers(8)).as("the connection still serves").containsExactly(8L);
  }

  @Test
  void theChainIdIsTheFirstCallOnEachConnection() throws Exception {
    numbers(1);
    var requests = new AtomicInteger();
    node.script(request -> requests.getAndIncrement() == 0 ? new Reply.Close()
        : ScriptedNode.answering(serving(CHAIN)).reply(request));
    fails(() -> numbers(2), RpcFailure.Kind.IO);

    assertThat(numbers(3)).containsExactly(3L);
    assertThat(node.requests().stream().map(ScriptedNode::method).toList()).containsExactly(
        "eth_chainId", "eth_getBlockByNumber", "eth_getBlockByNumber", "eth_chainId", "eth_getBlockByNumber");
    assertThat(counted("eth_chainId", "ok")).isEqualTo(2);
  }

  @Test
  void anEndpointServingAnotherChainAfterAReconnectIsNotUsedUntilItServesItsOwnAgain() throws Exception {
    numbers(1);
    var requests = new AtomicInteger();
    node.script(request -> requests.getAndIncrement() == 0 ? new Reply.Close()
        : ScriptedNode.answering(serving(902)).reply(request));
    fails(() -> numbers(2), RpcFailure.Kind.IO);

    RpcFailure wrong = failsAtOnce(() -> numbers(3), RpcFailure.Kind.WRONG_CHAIN);
    long asked = node.requestsOf("eth_chainId");
    failsAtOnce(() -> numbers(4), RpcFailure.Kind.WRONG_CHAIN);

    assertThat(wrong.getMessage()).isEqualTo("serves chain 902");
    assertThat(wrong.servedChainId()).hasValue(902);
    assertThat(node.requestsOf("eth_chainId")).as("not asked again before the backoff").isEqualTo(asked);
    assertThat(node.requestsOf("\"0x3\"") + node.requestsOf("\"0x4\"")).as("nothing else asked").isZero();
    assertThat(registry.get(Meters.RPC_WRONG_CHAIN).counter().count()).isEqualTo(1);

    node.script(ScriptedNode.answering(serving(CHAIN)));
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> numbers(5).equals(List.of(5L)));
  }

  @Test
  void aNodeThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
    numbers(1);
    node.script(request -> new Reply.Silence());

    long start = System.nanoTime();
    fails(() -> numbers(2), RpcFailure.Kind.TIMEOUT);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, TIMEOUT.multipliedBy(7).dividedBy(4));
    assertThat(counted("eth_getBlockByNumber", "ok")).isZero();
  }

  @Test
  void aServerThatAcceptsButNeverSpeaksTimesOutWithinTheTimeout() throws IOException {
    try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = url(node).replaceFirst(":\\d+$", ":" + silent.getLocalPort());
      try (Transport mute = transport(new ChainEndpoint(CHAIN, URI.create(url)))) {
        long start = System.nanoTime();
        fails(() -> mute.send(List.of(RpcRequests.latestHeader())), RpcFailure.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(7).dividedBy(4));
      }
    }
  }

  @Test
  void aRefusedConnectionFailsAtOnceAsIoWithoutTheUrl() {
    String url = url(node).replaceFirst(":\\d+$", ":" + FreePort.pick()) + "/key/SECRET?apikey=SECRET";
    try (Transport refused = transport(new ChainEndpoint(CHAIN, URI.create(url)))) {
      RpcFailure failure = failsAtOnce(() -> refused.send(List.of(RpcRequests.latestHeader())), RpcFailure.Kind.IO);
      assertThat(failure.getMessage()).isEqualTo("cannot connect");
      assertThat(failure.getCause()).isNull();
    }
  }

  @Test
  void credentialsGoAsBasicAuthenticationAndPathAndQueryAsGiven() throws Exception {
    String url = url(node).replace("//", "//alice:s3cr%40t@") + "/v3/KEY?apikey=Q";
    try (Transport keyed = transport(new ChainEndpoint(CHAIN, URI.create(url)))) {
      keyed.send(List.of(RpcRequests.latestHeader()));
    }

    assertThat(node.targets()).last().isEqualTo("/v3/KEY?apikey=Q");
    assertThat(node.authorizations()).last()
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cr@t".getBytes(StandardCharsets.UTF_8)));
  }

}
