package crosswatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LogsBloomTest {
  /** A block anvil made: one log (a contract's constructor ran LOG1), and the logsBloom its header carried. */
  private static final LogEntry ANVIL_LOG = new LogEntry("0x5fbdb2315678afecb367f032d93f642f64180aa3",
      List.of("0x1111111111111111111111111111111111111111111111111111111111111111"), "0x", 0);
  private static final String ANVIL_BLOOM = "0x" + "0".repeat(52) + "2" + "0".repeat(112) + "2" + "0".repeat(32)
      + "4" + "0".repeat(112) + "2" + "0".repeat(64) + "2" + "0".repeat(13) + "4" + "0".repeat(121);

  @Test
  void theBloomOfABlocksLogsIsTheOneItsHeaderCarries() {
    assertThat(ANVIL_BLOOM).hasSize(2 + 2 * LogsBloom.BYTES);
    assertThat(LogsBloom.of(List.of(ANVIL_LOG))).isEqualTo(LogsBloom.ofHex(ANVIL_BLOOM));
    assertThat(LogsBloom.of(List.of(ANVIL_LOG)).toHex()).isEqualTo(ANVIL_BLOOM);
  }

  @Test
  void aBlockWithoutLogsHasTheEmptyBloomAndContainsNothing() {
    assertThat(LogsBloom.of(List.of())).isEqualTo(LogsBloom.empty());
    assertThat(LogsBloom.empty().mayContain(ANVIL_LOG.address())).isFalse();
  }

  @Test
  void anAddressOrTopicOfAnotherLogIsAbsent() {
    LogsBloom bloom = LogsBloom.ofHex(ANVIL_BLOOM);
    assertThat(bloom.mayContain(ANVIL_LOG.address())).isTrue();
    assertThat(bloom.mayContain(ANVIL_LOG.topics().getFirst())).isTrue();
    assertThat(bloom.mayContain(ExecutingMessageDecoder.CROSS_L2_INBOX)).isFalse();
    assertThat(bloom.mayContain(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC)).isFalse();
  }

  @Test
  void aHeaderBloomThatIsNotTwoHundredFiftySixBytesOfHexIsRefused() {
    assertThatThrownBy(() -> LogsBloom.ofHex("0x1234")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogsBloom.ofHex("0".repeat(512))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogsBloom.ofHex("0x" + "zz".repeat(256))).isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void aBlocksBloomMayContainEveryAddressAndTopicOfItsLogsAndCoversEachLogsBloom(
      @ForAll @Size(max = 6) List<@Size(20) byte[]> addresses, @ForAll @Size(max = 3) List<@Size(32) byte[]> topics) {
    var logs = new ArrayList<LogEntry>();
    for (int i = 0; i < addresses.size(); i++) {
      logs.add(new LogEntry(Abi.hex(addresses.get(i)), topics.stream().map(Abi::hex).toList(), "0x", i));
    }
    LogsBloom block = LogsBloom.of(logs);
    for (LogEntry log : logs) {
      assertThat(block.mayContain(log.address())).isTrue();
      log.topics().forEach(t -> assertThat(block.mayContain(t)).isTrue());
      assertThat(block.covers(LogsBloom.of(List.of(log)))).isTrue();
    }
    assertThat(LogsBloom.ofHex(block.toHex())).isEqualTo(block);
  }

  @Property
  void leavingALogOutIsSeenUnlessOtherLogsSetAllItsBits(
      @ForAll @Size(min = 2, max = 4) List<@Size(20) byte[]> addresses) {
    List<LogEntry> logs = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      logs.add(new LogEntry(Abi.hex(addresses.get(i)), List.of(), "0x", i));
    }
    LogsBloom all = LogsBloom.of(logs);
    LogsBloom withoutLast = LogsBloom.of(logs.subList(0, logs.size() - 1));
    boolean lastHidden = !withoutLast.mayContain(logs.getLast().address());
    assertThat(withoutLast.equals(all)).isEqualTo(!lastHidden);
    assertThat(all.covers(withoutLast)).isTrue();
  }
}
