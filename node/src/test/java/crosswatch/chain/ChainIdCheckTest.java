package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.devnet.Devnet;
import crosswatch.metrics.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class ChainIdCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private Devnet devnet;

  @BeforeAll
  void startChain() {
    devnet = Devnet.start(901);
  }

  @AfterAll
  void stopChain() {
    devnet.close();
  }

  private ChainEndpoint endpoint(long chainId, String url) {
    return new ChainEndpoint(chainId, URI.create(url));
  }

  @Test
  void anEndpointServingItsChainPassesOverHttpAndWebSocket() {
    var chain = devnet.chain(901);
    assertThat(ChainIdCheck.check(List.of(endpoint(901, chain.rpcUrl()), endpoint(901, chain.wsUrl())), TIMEOUT,
        new SimpleMeterRegistry()))
        .isEmpty();
  }

  @Test
  void anEndpointServingAnotherChainIsAMismatchNamingWhatItServesOverHttpAndWebSocket() {
    var wrongHttp = endpoint(902, devnet.chain(901).rpcUrl());
    var wrongWs = endpoint(902, devnet.chain(901).wsUrl());
    var registry = new SimpleMeterRegistry();
    assertThat(ChainIdCheck.check(List.of(wrongHttp, wrongWs), TIMEOUT, registry))
        .containsExactly(new ChainIdCheck.Mismatch(wrongHttp, 901), new ChainIdCheck.Mismatch(wrongWs, 901));
    assertThat(registry.get(Meters.RPC_WRONG_CHAIN).tag(Meters.CHAIN_ID, "902").counter().count())
        .as("counted in the registry given, the node's own").isEqualTo(2);
  }

  @Test
  void anEndpointThatCannotBeReachedIsNoMismatch() {
    try (RpcStub down = RpcStub.down(body -> "")) {
      assertThat(ChainIdCheck.check(List.of(down.endpoint(903)), TIMEOUT, new SimpleMeterRegistry())).isEmpty();
    }
  }
}
