package crosswatch.faults;

import crosswatch.devnet.EmittedMessage;
import crosswatch.faults.VerdictWatch.Shown;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the node showed, held against the ledger's truth. */
final class Judgements {
  /** The latency of a message never judged right. */
  static final Duration NEVER = Duration.ofDays(365);

  private final Ledger ledger;
  private final VerdictWatch watch;

  Judgements(Ledger ledger, VerdictWatch watch) {
    this.ledger = ledger;
    this.watch = watch;
  }

  /** A verdict is wrong when it is not pending and not the one deserved ({@code reorged} included). */
  static boolean wrong(EmittedMessage truth, Shown shown) {
    return !shown.status().equals("pending") && !deserved(truth, shown);
  }

  static boolean deserved(EmittedMessage truth, Shown shown) {
    return shown.status().equals(truth.status()) && truth.reason().equals(Optional.ofNullable(shown.reason()));
  }

  static String deserved(EmittedMessage truth) {
    return truth.reason().map(r -> "invalid " + r).orElse("valid");
  }

  /**
   * The first wrong verdict shown in {@code [from, to]} for each message of the ledger, leaving out the messages
   * in {@code excluded} (already wrong before), by id.
   */
  Map<String, Shown> wrongShown(Instant from, Instant to, Set<String> excluded) {
    var wrong = new LinkedHashMap<String, Shown>();
    for (String id : watch.ids()) {
      if (excluded.contains(id)) {
        continue;
      }
      ledger.get(id).ifPresent(truth -> watch.of(id).stream()
          .filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to) && wrong(truth, s))
          .findFirst()
          .ifPresent(s -> wrong.put(id, s)));
    }
    return wrong;
  }

  /**
   * The first state in {@code [from, to]} that shows a valid message undeclared by its transaction's access list,
   * by id. The traffic declares every message it executes, so such a state is a wrong judgement (and an alert).
   */
  Map<String, Shown> wrongAccessLists(Instant from, Instant to, Set<String> excluded) {
    var wrong = new LinkedHashMap<String, Shown>();
    for (String id : watch.ids()) {
      if (excluded.contains(id)) {
        continue;
      }
      ledger.get(id).filter(truth -> truth.reason().isEmpty()).ifPresent(truth -> watch.of(id).stream()
          .filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to))
          .filter(s -> s.accessList().equals("missing") || s.accessList().equals("mismatch"))
          .findFirst()
          .ifPresent(s -> wrong.put(id, s)));
    }
    return wrong;
  }

  /** Messages the node showed at some time up to {@code to} with a wrong verdict. */
  Set<String> everWrong(Instant to) {
    return Set.copyOf(wrongShown(Instant.EPOCH, to, Set.of()).keySet());
  }

  /** The messages whose latest state is not the verdict they deserve (never shown ones included). */
  List<EmittedMessage> notRight(List<EmittedMessage> messages) {
    return messages.stream()
        .filter(m -> watch.latest(m.id()).filter(s -> deserved(m, s)).isEmpty())
        .toList();
  }

  /** The messages the node never showed at all. */
  List<EmittedMessage> neverShown(List<EmittedMessage> messages) {
    return messages.stream().filter(m -> watch.of(m.id()).isEmpty()).toList();
  }

  /** Messages shown first in {@code [from, to]} that the ledger does not know: the node made them up. */
  List<String> phantoms(Instant from, Instant to) {
    return watch.ids().stream()
        .filter(id -> ledger.get(id).isEmpty())
        .filter(id -> {
          Instant first = watch.of(id).getFirst().at();
          return !first.isBefore(from) && !first.isAfter(to);
        })
        .sorted()
        .toList();
  }

  /** From being mined to being shown with its deserved verdict; empty while it never was. */
  Optional<Duration> latency(EmittedMessage message) {
    return watch.of(message.id()).stream()
        .filter(s -> deserved(message, s))
        .findFirst()
        .map(s -> s.at().isBefore(message.minedAt()) ? Duration.ZERO : Duration.between(message.minedAt(), s.at()));
  }

  /** The 99th percentile of the messages' latencies; one never judged right makes it unbounded. */
  Duration p99(List<EmittedMessage> messages) {
    if (messages.isEmpty()) {
      return Duration.ZERO;
    }
    List<Duration> sorted = messages.stream()
        .map(m -> latency(m).orElse(NEVER))
        .sorted(Comparator.naturalOrder())
        .toList();
    return sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
  }
}
