package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryEntryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static HistoryEntry at(int second, Status status, Reason reason) {
    return new HistoryEntry(status, reason, T0.plusSeconds(second));
  }

  private static HistoryEntry at(int second, Status status) {
    return at(second, status, null);
  }

  @Test
  void aStatusRepeatedByAnotherWriterIsOneChangeAtItsFirstTime() {
    var history = List.of(at(0, Status.PENDING), at(1, Status.PENDING), at(5, Status.VALID), at(6, Status.VALID));

    assertThat(HistoryEntry.changes(history)).containsExactly(at(0, Status.PENDING), at(5, Status.VALID));
  }

  @Test
  void aStatusThatComesBackAfterAnotherIsAChangeAgain() {
    var history = List.of(at(0, Status.PENDING), at(1, Status.VALID), at(2, Status.REORGED), at(3, Status.PENDING),
        at(4, Status.VALID));

    assertThat(HistoryEntry.changes(history)).isEqualTo(history);
  }

  @Test
  void invalidForAnotherReasonIsAChange() {
    var history = List.of(at(0, Status.INVALID, Reason.LOG_MISSING), at(1, Status.INVALID, Reason.LOG_MISSING),
        at(2, Status.INVALID, Reason.PAYLOAD_MISMATCH));

    assertThat(HistoryEntry.changes(history))
        .containsExactly(at(0, Status.INVALID, Reason.LOG_MISSING), at(2, Status.INVALID, Reason.PAYLOAD_MISMATCH));
  }
}
