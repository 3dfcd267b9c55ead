package crosswatch.store;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells observers (gauges, the event stream) each time a record in this replica's copy changes, whoever wrote it.
 * Listeners run on the writing thread, in write order per record: they must be quick and must not block.
 */
public final class MessageEvents {
  private static final Logger log = LoggerFactory.getLogger(MessageEvents.class);

  /**
   * One change of a stored record, as every site sees it: in terms of the record's agreed verdict.
   *
   * @param before the record as it was, null when the record is new to this replica
   * @param after the record as it is now, null when it left the store (a final record that expired)
   */
  public record Change(MessageRecord before, MessageRecord after) {
    public boolean isNew() {
      return before == null;
    }

    public boolean isRemoval() {
      return after == null;
    }

    /** Whether the agreed status or reason changed (not only {@code lastCheckedAt}, or one site's verdict). */
    public boolean verdictChanged() {
      return before != null && after != null && (before.agreed().status() != after.agreed().status()
          || before.agreed().reason() != after.agreed().reason());
    }

    /** Whether the agreed verdict's executing block became more settled. */
    public boolean safetyChanged() {
      return before != null && after != null
          && before.agreed().executingSafety() != after.agreed().executingSafety();
    }

    /** Whether the agreed verdict was frozen by this change. */
    public boolean becameFinal() {
      return before != null && after != null && !before.agreed().isFinal() && after.agreed().isFinal();
    }
  }

  /** A registered listener; closing it stops further calls. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final CopyOnWriteArrayList<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

  /** Registers {@code listener}; closing the handle removes it. */
  public Subscription subscribe(Consumer<Change> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void publish(MessageRecord before, MessageRecord after) {
    var change = new Change(before, after);
    for (Consumer<Change> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        // An observer's bug must not fail the write that already happened.
        log.error("message listener failed id={}", (after == null ? before : after).key(), e);
      }
    }
  }
}
