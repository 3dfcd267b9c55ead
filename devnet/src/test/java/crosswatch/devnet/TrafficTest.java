package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog.LogObject;

@Tag("integration")
class TrafficTest {
  // Half the messages invalid and the last chain 12 s behind, so that every flaw comes within seconds.
  private static final TrafficSettings FAST = new TrafficSettings(Duration.ofMillis(200), 2, 12);

  @Test
  void emitsValidMessagesAndEveryFlawThenStops() throws Exception {
    try (Devnet devnet = Devnet.start(Traffic.chainSpecs(901, 902))) {
      Map<String, Long> emitted;
      List<EmittedMessage> ledger = new CopyOnWriteArrayList<>();
      try (Traffic traffic = Traffic.start(devnet.chains(), FAST, ledger::add)) {
        List<String> kinds = Arrays.stream(Flaw.values()).map(Flaw::reason).toList();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
            assertThat(traffic.emitted()).containsKey("valid").containsKeys(kinds.toArray(String[]::new)));
        traffic.stop();
        emitted = traffic.emitted();
      }

      Set<String> inboxLogs = new HashSet<>();
      for (DevnetChain chain : devnet.chains()) {
        chain.web3j().ethGetLogs(new EthFilter(DefaultBlockParameterName.EARLIEST,
            DefaultBlockParameterName.LATEST, Inbox.ADDRESS)).send().getLogs().forEach(result -> {
              var log = (LogObject) result;
              inboxLogs.add(chain.chainId() + "-" + log.getBlockHash() + "-" + log.getLogIndex());
            });
      }
      assertThat(inboxLogs).hasSize((int) emitted.values().stream().mapToLong(Long::longValue).sum());
      assertThat(ledger).extracting(EmittedMessage::id).containsExactlyInAnyOrderElementsOf(inboxLogs);
      Map<String, Long> ledgerCounts = ledger.stream().collect(Collectors.groupingBy(
          m -> m.reason().orElse("valid"), TreeMap::new, Collectors.counting()));
      assertThat(ledgerCounts).isEqualTo(emitted);
    }
  }

  @Test
  void refusesChainsThatBeganTooRecentlyForExpiredMessages() {
    try (Devnet devnet = Devnet.start(901)) {
      assertThatThrownBy(() -> Traffic.start(devnet.chains(), TrafficSettings.DEMO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Traffic.chainSpecs");
    }
  }
}
