package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.metrics.RpcMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** New heads over a real anvil WebSocket, with a silence so long that only notifications can answer in time. */
@Tag("integration")
class SubscribedHeadsTest {
  private static final Duration NEVER = Duration.ofMinutes(10);

  private Devnet devnet;
  private DevnetChain chain;
  private SubscribedHeads heads;

  @BeforeEach
  void start() {
    devnet = Devnet.start(901);
    chain = devnet.chain(901);
    var endpoint = new ChainEndpoint(901, URI.create(chain.wsUrl()));
    var meters = new RpcMeters(new SimpleMeterRegistry(), 901);
    var transport = new WebSocketTransport(endpoint, TestSettings.FAST, meters);
    var rpc = new ChainRpc(new RpcClient(endpoint, transport, TestSettings.FAST, meters));
    heads = new SubscribedHeads(901, transport, rpc, NEVER);
  }

  @AfterEach
  void stop() {
    heads.close();
    devnet.close();
  }

  private CompletableFuture<List<HeadSource.Seen>> next() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return heads.next();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The newest head {@code seen} brought; it must bring one within seconds. */
  private static long newest(CompletableFuture<List<HeadSource.Seen>> seen) {
    await().atMost(Duration.ofSeconds(10)).until(seen::isDone);
    return seen.join().getLast().header().number();
  }

  /** What a scanner that caught up a moment ago and now starts to listen would otherwise miss. */
  @Test
  void aBlockMadeBeforeTheSubscriptionStartsIsSeenAtOnce() {
    long scannedTo = chain.head();
    chain.mine(1);

    var seen = next();

    assertThat(newest(seen)).isEqualTo(scannedTo + 1);
  }

  @Test
  void laterBlocksAreAnnouncedByTheSubscription() {
    long start = newest(next());

    var seen = next();
    chain.mine(1);

    assertThat(newest(seen)).isEqualTo(start + 1);
  }
}
