package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      3                             | PT3S
      ' 0 '                         | PT0S
      -4                            | PT0S
      3600                          | PT30S
      Thu, 01 Jan 2026 00:00:07 GMT | PT7S
      Wed, 31 Dec 2025 23:59:00 GMT | PT0S
      soon                          | none
      99999999999999999999999       | none
      """)
  void secondsOrAnHttpDateCappedAndNeverNegative(String header, Duration expected) {
    assertThat(RetryAfter.parse(Optional.of(header), NOW)).isEqualTo(Optional.ofNullable(expected));
  }
}
