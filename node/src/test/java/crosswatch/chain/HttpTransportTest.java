package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.chain.ScriptedNode.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The http transport: the contract, and what http adds (statuses, Retry-After, bodies that are no answer). */
class HttpTransportTest extends TransportContract {

  @Override
  Transport transport(ChainEndpoint endpoint) {
    return new HttpTransport(endpoint, SETTINGS, meters);
  }

  @Override
  String url(ScriptedNode node) {
    return node.httpUrl();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>502 Bad Gateway</body></html>", "{\"jsonrpc\":\"2.0\",\"id\":", ""})
  void aBodyThatIsNotJsonIsGarbled(String body) throws Exception {
    numbers(1);
    node.script(request -> new Reply.Text(body));

    RpcFailure failure = failsAtOnce(() -> numbers(2), RpcFailure.Kind.GARBLED);

    assertThat(failure.getMessage()).isEqualTo("garbled answer: not json");
  }

  @ParameterizedTest
  @ValueSource(ints = {502, 503, 504})
  void anUnavailableNodeIsIoWhateverItsBodySays(int status) throws Exception {
    numbers(1);
    node.script(request -> new Reply.Status(status, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}"));

    RpcFailure failure = failsAtOnce(() -> numbers(2), RpcFailure.Kind.IO);

    assertThat(failure.getMessage()).isEqualTo("http " + status);
  }

  @Test
  void http429IsARateLimitCarryingItsRetryAfter() throws Exception {
    numbers(1);
    node.script(request -> new Reply.Status(429, Map.of("Retry-After", "3"), "<html>slow down, key ABC</html>"));

    RpcFailure failure = failsAtOnce(() -> numbers(2), RpcFailure.Kind.RATE_LIMITED);

    assertThat(failure.retryAfter()).hasValue(Duration.ofSeconds(3));
    assertThat(failure.getMessage()).isEqualTo("rate limited (retry after 3s)");
    assertThat(failure.kind().isRefusal()).isFalse();
  }

  @Test
  void anErrorObjectSentWithAnErrorStatusIsStillReadAsAnAnswer() throws Exception {
    numbers(1);
    node.script(request -> new Reply.Status(400, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":"
        + ScriptedNode.ids(request).getFirst() + ",\"error\":{\"code\":-32602,\"message\":\"invalid params\"}}"));

    var answer = transport.send(List.of(RpcRequests.header(2))).getFirst();

    assertThat(answer.getError().getCode()).isEqualTo(-32602);
  }

  @Test
  void anyOtherErrorStatusWithoutAnAnswerIsIo() throws Exception {
    numbers(1);
    node.script(request -> new Reply.Status(401, Map.of(), "unauthorized: key ABC is not valid"));

    RpcFailure failure = failsAtOnce(() -> numbers(2), RpcFailure.Kind.IO);

    assertThat(failure.getMessage()).isEqualTo("http 401");
  }

  /** The JDK's asynchronous send completes through the common pool; a call must not wait for it to be free. */
  @Test
  void aCallDoesNotNeedTheCommonForkJoinPool() throws Exception {
    numbers(1);
    int workers = ForkJoinPool.getCommonPoolParallelism();
    var busy = new CountDownLatch(workers);
    var release = new CountDownLatch(1);
    for (int i = 0; i < workers; i++) {
      CompletableFuture.runAsync(() -> {
        busy.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    busy.await();
    try {
      assertThat(numbers(2)).containsExactly(2L);
    } finally {
      release.countDown();
    }
  }
}
