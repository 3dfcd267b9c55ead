package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.FaultProxy;
import crosswatch.devnet.proxy.HeaderLie;
import crosswatch.metrics.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * A scanner polling a real anvil chain over http (through a {@link FaultProxy}) meets heads that go back: a node
 * that lags, a node that names blocks under made-up hashes, a chain that really got shorter. Only another block
 * at a height passed, read back by its hash, is a reorg.
 */
@Tag("integration")
class HeadsGoingBackTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingEvents events = new RecordingEvents();
  private Devnet devnet;
  private DevnetChain chain;
  private FaultProxy proxy;
  private ChainConnection connection;
  private LogScanner scanner;

  @BeforeEach
  void start() {
    devnet = Devnet.start(901);
    chain = devnet.chain(901);
    proxy = FaultProxy.start(chain.rpcUrl());
    connection = new ChainConnection(List.of(new ChainEndpoint(901, URI.create(proxy.httpUrl()))), TestSettings.FAST,
        registry);
    scanner = new LogScanner(connection, new StartBlock.Number(0), TestSettings.FAST,
        new LogScannerTest.MemoryCheckpoints(), registry);
    chain.mine(10);
    scanner.start(events);
    await().until(() -> events.scanned >= chain.head());
  }

  @AfterEach
  void stop() {
    scanner.close();
    connection.close();
    proxy.close();
    devnet.close();
  }

  private double wentBack() {
    return registry.get(Meters.HEAD_WENT_BACK).counter().count();
  }

  private ExecutingReceipt aMessage(String name) {
    return chain.emitExecuting(List.of(ExecSpec.of(chain.emitInitiating(List.of(Hash.sha3String(name)), "0x"))));
  }

  @Test
  void aNodeFiveBlocksBehindIsCountedOnceAndIsNoReorg() {
    proxy.fault(Fault.lag(5));
    await().until(() -> wentBack() == 1);
    chain.mine(2);
    await().during(Duration.ofMillis(500)).until(() -> events.reorgAncestors.isEmpty());

    proxy.heal();
    ExecutingReceipt receipt = aMessage("after the lag");

    await().until(() -> events.found.stream().anyMatch(f -> f.blockHash().equals(receipt.blockHash())));
    assertThat(events.reorgAncestors).isEmpty();
    assertThat(wentBack()).isEqualTo(1);
  }

  @Test
  void aHeadUnderAMadeUpHashIsNotBelievedAndIsNoReorg() {
    proxy.fault(Fault.wrongHeader(HeaderLie.FABRICATED_HASH));
    await().until(() -> scanner.state().lastError().filter(e -> e.contains("cannot read back")).isPresent());
    // Two blocks in one call: their headers, read as a range, do not chain under made-up hashes. (A single new
    // block without inbox logs would be passed under its made-up hash, found out only at the next block.)
    chain.mine(2);
    await().during(Duration.ofMillis(500)).until(() -> events.reorgAncestors.isEmpty());

    proxy.heal();
    ExecutingReceipt receipt = aMessage("after the lie");

    await().until(() -> events.found.stream().anyMatch(f -> f.blockHash().equals(receipt.blockHash())));
    assertThat(events.reorgAncestors).isEmpty();
  }

  @Test
  void aChainThatGotShorterIsReorgedOnceAnotherBlockIsMadeAtAHeightPassed() {
    long before = chain.head();
    String snapshot = chain.snapshot();
    chain.mine(3);
    await().until(() -> events.scanned >= before + 3);

    chain.revert(snapshot);
    await().until(() -> wentBack() == 1);
    assertThat(events.reorgAncestors).as("a shorter chain alone proves nothing replaced").isEmpty();
    aMessage("on the shorter chain");

    await().until(() -> events.reorgAncestors.contains(before));
  }
}
