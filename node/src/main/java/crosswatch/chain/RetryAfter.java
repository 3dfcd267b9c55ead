package crosswatch.chain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The wait an http {@code Retry-After} header asks for (seconds or an http date), capped: a node may ask a lot. */
final class RetryAfter {
  static final Duration MAX = Duration.ofSeconds(30);

  private RetryAfter() {}

  static Optional<Duration> parse(Optional<String> header) {
    return parse(header, Instant.now());
  }

  static Optional<Duration> parse(Optional<String> header, Instant now) {
    return header.map(String::trim).flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        try {
          return Optional.of(Duration.between(now,
              ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
        } catch (DateTimeParseException | ArithmeticException e2) {
          return Optional.empty();
        }
      }
    }).map(RetryAfter::capped);
  }

  /** A wait a node asked for, within {@code [0, MAX]}. */
  static Duration capped(Duration asked) {
    return asked.isNegative() ? Duration.ZERO : asked.compareTo(MAX) > 0 ? MAX : asked;
  }
}
