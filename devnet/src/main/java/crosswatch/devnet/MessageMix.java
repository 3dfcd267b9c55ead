package crosswatch.devnet;

import java.util.List;
import java.util.Optional;

/**
 * Decides, message by message and across all chains, which one is invalid: one in {@code invalidEvery},
 * cycling through the flaws. A flaw that cannot be made for the pair at hand stays owed until one can.
 */
final class MessageMix {
  private final int invalidEvery;
  private final List<Flaw> cycle;
  private long messages;
  private int due;
  private boolean owed;
  private int malformed;

  MessageMix(int invalidEvery, List<Flaw> cycle) {
    if (invalidEvery <= 0) {
      throw new IllegalArgumentException("invalidEvery must be > 0");
    }
    if (cycle.isEmpty()) {
      throw new IllegalArgumentException("no flaws to cycle through");
    }
    this.invalidEvery = invalidEvery;
    this.cycle = List.copyOf(cycle);
  }

  /** Called once per message: the flaw it should have, if any. */
  synchronized Optional<Flaw> next() {
    messages++;
    if (messages % invalidEvery == 0) {
      owed = true;
    }
    return owed ? Optional.of(cycle.get(due)) : Optional.empty();
  }

  /** Each kind of malformed event in turn. */
  synchronized Malformed nextMalformed() {
    Malformed[] variants = Malformed.values();
    return variants[malformed++ % variants.length];
  }

  /** The flaw {@link #next()} asked for was emitted; the next one in the cycle becomes due. */
  synchronized void made(Flaw flaw) {
    if (owed && cycle.get(due) == flaw) {
      owed = false;
      due = (due + 1) % cycle.size();
    }
  }
}
