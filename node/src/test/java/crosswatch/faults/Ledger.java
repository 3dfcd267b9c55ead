package crosswatch.faults;

import crosswatch.devnet.EmittedMessage;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The truth: every message the traffic emitted, with the verdict it deserves, by the monitor's message id. */
final class Ledger implements Consumer<EmittedMessage> {
  private final Map<String, EmittedMessage> byId = new ConcurrentHashMap<>();

  @Override
  public void accept(EmittedMessage message) {
    byId.put(message.id(), message);
  }

  Optional<EmittedMessage> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Messages mined in {@code [from, to)} that {@code which} accepts, oldest first. */
  List<EmittedMessage> mined(Instant from, Instant to, Predicate<EmittedMessage> which) {
    return byId.values().stream()
        .filter(m -> !m.minedAt().isBefore(from) && m.minedAt().isBefore(to) && which.test(m))
        .sorted(Comparator.comparing(EmittedMessage::minedAt))
        .toList();
  }

  long count(Instant from, Predicate<EmittedMessage> which) {
    return byId.values().stream().filter(m -> !m.minedAt().isBefore(from) && which.test(m)).count();
  }
}
