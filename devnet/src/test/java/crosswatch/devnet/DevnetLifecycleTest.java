package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

@Tag("integration")
class DevnetLifecycleTest {

  @Nested
  class Start {
    @Test
    void chainsAnswerWithTheirOwnIdsOnDistinctLoopbackPorts() throws Exception {
      try (Devnet devnet = Devnet.start(901, 902)) {
        assertThat(devnet.chains()).extracting(DevnetChain::chainId).containsExactly(901L, 902L);
        for (DevnetChain chain : devnet.chains()) {
          assertThat(chain.web3j().ethChainId().send().getChainId().longValueExact()).isEqualTo(chain.chainId());
          assertThat(chain.rpcUrl()).startsWith("http://127.0.0.1:");
          assertThat(chain.wsUrl()).isEqualTo(chain.rpcUrl().replace("http://", "ws://"));
        }
        assertThat(devnet.chains()).extracting(chain -> chain.anvil().port()).doesNotHaveDuplicates();
        assertThat(devnet.chain(902).chainId()).isEqualTo(902);
      }
    }

    @Test
    void theInboxStandInRunsAtThePredeployAddress() throws Exception {
      try (Devnet devnet = Devnet.start(901)) {
        String code = devnet.chain(901).web3j().ethGetCode(Inbox.ADDRESS, DefaultBlockParameterName.LATEST).send()
            .getCode();
        assertThat(code).isEqualTo(Artifact.INBOX.deployedBytecode()).hasSizeGreaterThan(100);
      }
    }

    @Test
    void duplicateChainIdsAreRefusedBeforeAnythingStarts() {
      assertThatThrownBy(() -> Devnet.start(901, 901))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duplicate chain id");
    }
  }

  @Nested
  class Close {
    @Test
    void stopsEveryProcessAndFreesItsPort() {
      Devnet devnet = Devnet.start(901, 902);
      List<Anvil> anvils = devnet.chains().stream().map(DevnetChain::anvil).toList();
      assertThat(anvils).allSatisfy(anvil -> assertThat(FreePort.isFree(anvil.port())).isFalse());

      devnet.close();

      assertThat(anvils).allSatisfy(anvil -> {
        assertThat(anvil.isAlive()).isFalse();
        assertThat(ProcessHandle.of(anvil.pid())).isEmpty();
        assertThat(FreePort.isFree(anvil.port())).isTrue();
      });
      devnet.close();
    }

    @Test
    void aStartThatFailsHalfWayStopsTheChainsItAlreadyStarted() {
      List<Anvil> started = new ArrayList<>();
      assertThatThrownBy(() -> Devnet.start(List.of(ChainSpec.of(901), ChainSpec.of(902)), anvil -> {
        started.add(anvil);
        if (anvil.chainId() == 902) {
          throw new IllegalStateException("install failed");
        }
        return DevnetChain.install(anvil);
      })).hasMessage("install failed");

      assertThat(started).hasSize(2).allSatisfy(anvil -> {
        assertThat(anvil.isAlive()).isFalse();
        assertThat(FreePort.isFree(anvil.port())).isTrue();
      });
    }

    @Test
    void stoppingAnAnvilTwiceIsHarmless() {
      Anvil anvil = Anvil.start(ChainSpec.of(903));
      anvil.stop();
      anvil.stop();
      assertThat(anvil.isAlive()).isFalse();
    }
  }
}
