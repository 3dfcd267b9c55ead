package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.metrics.RpcMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A subscription whose socket drops is renewed at once, not after the silence: the head is asked for again. */
class SubscribedHeadsDropTest {
  private static final long CHAIN = 901;
  private static final Duration NEVER = Duration.ofMinutes(10);
  /** Generous: the assertions do not depend on it, and a cold JVM on a busy machine connects slowly. */
  private static final ChainSettings SETTINGS = TestSettings.FAST.withRequestTimeout(Duration.ofSeconds(10));

  private final AtomicLong head = new AtomicLong(100);
  private final ScriptedNode node = ScriptedNode.start(ScriptedNode.answering(ScriptedNode.chain(CHAIN,
      (method, params) -> method.equals("eth_subscribe") ? "0xfeed" : TransportContract.header(head.get()))));
  private SubscribedHeads heads;
  private ChainRpc rpc;

  @AfterEach
  void stop() {
    heads.close();
    rpc.close();
    node.close();
  }

  @Test
  void aDroppedSocketRenewsTheSubscriptionAndAsksForTheHeadAtOnce() throws Exception {
    var meters = new RpcMeters(new SimpleMeterRegistry(), CHAIN);
    var transport = new WebSocketTransport(node.ws(CHAIN), SETTINGS, meters);
    rpc = new ChainRpc(new RpcClient(node.ws(CHAIN), transport, SETTINGS, meters));
    heads = new SubscribedHeads(CHAIN, transport, rpc, NEVER);
    assertThat(heads.next()).singleElement().satisfies(s -> assertThat(s.header().number()).isEqualTo(100));

    var next = CompletableFuture.supplyAsync(() -> {
      try {
        return heads.next();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    head.set(101);
    node.closeSockets();

    List<HeadSource.Seen> seen = next.get(10, TimeUnit.SECONDS);
    assertThat(seen).singleElement().satisfies(s -> assertThat(s.header().number()).isEqualTo(101));
    assertThat(node.socketsOpened()).isEqualTo(2);
    assertThat(node.requestsOf("eth_subscribe")).isEqualTo(2);
  }
}
