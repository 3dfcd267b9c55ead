package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.chain.ScriptedNode.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The ws transport: the contract, and what a socket shared by many calls adds. A frame that cannot be attributed to
 * a call drops the socket and fails every call on it at once; one that names its call fails only that one.
 */
class WebSocketTransportTest extends TransportContract {

  @Override
  Transport transport(ChainEndpoint endpoint) {
    return new WebSocketTransport(endpoint, SETTINGS, meters);
  }

  @Override
  String url(ScriptedNode node) {
    return node.wsUrl();
  }

  /** Block 1 is never answered; block 2 as {@code reply} says; everything else as a node of the chain. */
  private void holdingBlockOneAndAnsweringBlockTwo(Reply reply) {
    var serving = ScriptedNode.answering(serving(CHAIN));
    node.script(request -> request.contains("\"0x1\"") ? new Reply.Silence()
        : request.contains("\"0x2\"") ? reply : serving.reply(request));
  }

  /** Starts asking for block 1 in the background, to fail as {@code kind}; in flight once the node received it. */
  private CompletableFuture<RpcFailure> blockOneInFlight(RpcFailure.Kind kind) {
    var failure = CompletableFuture.supplyAsync(() -> fails(() -> numbers(1), kind));
    await().until(() -> node.requestsOf("eth_getBlockByNumber") >= 2);
    return failure;
  }

  @ParameterizedTest
  @ValueSource(strings = {"}{ not json", "<html><body>502 Bad Gateway</body></html>", "{\"jsonrpc\":\"2.0\",\"id\":",
      "{\"jsonrpc\":\"2.0\",\"id\":987654321,\"result\":\"0x1\"}", "[{\"jsonrpc\":\"2.0\",\"id\":987654321}]", "42",
      "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\"}"})
  void aFrameNobodyCanOwnFailsEveryCallInFlightAtOnceAndTheSocketStays(String frame) throws Exception {
    numbers(7);
    holdingBlockOneAndAnsweringBlockTwo(new Reply.Text(frame));
    CompletableFuture<RpcFailure> waiting = blockOneInFlight(RpcFailure.Kind.GARBLED);

    failsAtOnce(() -> numbers(2), RpcFailure.Kind.GARBLED);
    long start = System.nanoTime();
    RpcFailure other = waiting.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
    assertThat(other.getMessage()).startsWith("garbled answer: ");
    node.script(ScriptedNode.answering(serving(CHAIN)));
    assertThat(numbers(3)).containsExactly(3L);
    assertThat(node.socketsOpened()).isEqualTo(1);
  }

  /** A frame cut off after its id, alone or as a batch: only the call it names fails, the others are answered. */
  @ParameterizedTest
  @ValueSource(strings = {"{\"jsonrpc\":\"2.0\",\"id\":%d,\"result\":{\"numb", "[{\"id\":%d,\"jsonrpc\":\"2.0\",\"re",
      "{\"result\":{\"number\":\"0x1\",\"id\":5},\"jsonrpc\":\"2.0\",\"id\":%d,"})
  void aFrameCutOffAfterItsIdFailsOnlyItsCall(String cut) throws Exception {
    numbers(7);
    var serving = ScriptedNode.answering(serving(CHAIN));
    var held = new ConcurrentHashMap<String, String>();
    node.script(request -> {
      held.put(request.contains("\"0x1\"") ? "one" : "two", request);
      return new Reply.Silence();
    });
    var one = CompletableFuture.supplyAsync(() -> fails(() -> numbers(1), RpcFailure.Kind.GARBLED));
    var two = CompletableFuture.supplyAsync(() -> {
      try {
        return numbers(2);
      } catch (RpcFailure e) {
        throw new IllegalStateException(e);
      }
    });
    await().until(() -> held.size() == 2);

    node.push(cut.formatted(ScriptedNode.ids(held.get("one")).getFirst()));

    assertThat(one.get(TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS).getMessage()).isEqualTo("garbled answer: not json");
    assertThat(two).isNotDone();
    node.push(((Reply.Text) serving.reply(held.get("two"))).body());
    assertThat(two.get(TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS)).containsExactly(2L);
    assertThat(node.socketsOpened()).isEqualTo(1);
  }

  @Test
  void aBinaryFrameDropsTheSocketToo() throws Exception {
    numbers(7);
    holdingBlockOneAndAnsweringBlockTwo(new Reply.Silence());
    CompletableFuture<RpcFailure> waiting = blockOneInFlight(RpcFailure.Kind.IO);

    node.pushBinary(new byte[] {1, 2, 3});

    assertThat(waiting.get(TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS).kind()).isEqualTo(RpcFailure.Kind.IO);
  }

  @Test
  void aGarbledAnswerThatNamesItsCallFailsOnlyThatCall() throws Exception {
    numbers(7);
    var serving = ScriptedNode.answering(serving(CHAIN));
    node.script(request -> request.contains("\"0x1\"")
        ? new Reply.Text("{\"jsonrpc\":\"2.0\",\"id\":" + ScriptedNode.ids(request).getFirst()
            + ",\"result\":{\"number\":{}}}")
        : serving.reply(request));

    var other = CompletableFuture.supplyAsync(() -> {
      try {
        return numbers(2);
      } catch (RpcFailure e) {
        throw new IllegalStateException(e);
      }
    });
    failsAtOnce(() -> numbers(1), RpcFailure.Kind.GARBLED);

    assertThat(other.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly(2L);
    assertThat(node.socketsOpened()).isEqualTo(1);
  }

  @Test
  void aCallThatTimesOutDropsItsSocketSoThatAHalfOpenConnectionIsNoticed() throws Exception {
    numbers(7);
    holdingBlockOneAndAnsweringBlockTwo(ScriptedNode.answering(serving(CHAIN)).reply(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x2\",false]}"));

    fails(() -> numbers(1), RpcFailure.Kind.TIMEOUT);

    assertThat(numbers(3)).containsExactly(3L);
    assertThat(node.socketsOpened()).isEqualTo(2);
  }

  @Test
  void closingASubscriptionUnsubscribesAndLaterNotificationsOfItAreIgnored() throws Exception {
    node.script(ScriptedNode.answering(ScriptedNode.chain(CHAIN, (method, params) -> switch (method) {
      case "eth_subscribe" -> "0xfeed";
      case "eth_unsubscribe" -> true;
      default -> header(Long.decode(params.get(0).asString()));
    })));
    var heads = new CopyOnWriteArrayList<JsonNode>();
    var ended = new CompletableFuture<RpcFailure>();

    ((WebSocketTransport) transport).subscribe("newHeads", heads::add, ended::complete).close();
    await().until(() -> counted("eth_unsubscribe", "ok") == 1);
    node.push("{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"0xfeed\","
        + "\"result\":{\"number\":\"0x5\"}}}");

    assertThat(numbers(3)).containsExactly(3L);
    assertThat(heads).isEmpty();
    assertThat(ended).isNotDone();
    assertThat(node.socketsOpened()).isEqualTo(1);
  }

  @Test
  void newHeadsAreDeliveredAndASubscriptionWhoseSocketDropsEndsWithAnError() throws Exception {
    var serving = ScriptedNode.answering(ScriptedNode.chain(CHAIN,
        (method, params) -> method.equals("eth_subscribe") ? "0xfeed" : header(1)));
    node.script(serving);
    var heads = new CopyOnWriteArrayList<JsonNode>();
    var ended = new CompletableFuture<RpcFailure>();
    var ws = (WebSocketTransport) transport;

    WebSocketTransport.Subscription subscription = ws.subscribe("newHeads", heads::add, ended::complete);
    node.push("{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"0xfeed\","
        + "\"result\":{\"number\":\"0x5\"}}}");
    await().until(() -> !heads.isEmpty());
    node.closeSockets();

    assertThat(heads).singleElement().satisfies(h -> assertThat(h.get("number").asString()).isEqualTo("0x5"));
    assertThat(ended.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).kind()).isEqualTo(RpcFailure.Kind.IO);
    assertThat(subscription.ended()).isTrue();
    assertThat(counted("eth_subscribe", "ok")).isEqualTo(1);
    assertThat(List.of(node.requests().getFirst())).allMatch(r -> r.contains("eth_chainId"));
  }
}
