package crosswatch.judge;

import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every change of a message goes through, and the one place that reports it. Stores changes so that
 * none is lost to a concurrent one: the judge of the initiating chain and the scanner of the executing chain may
 * both change a message (valid, reorged). Writes of one executing chain are serialised; a verdict computed from a
 * version that has changed since is dropped, the other writer's change stands. Every change stored is reported,
 * from what the store held before to what it holds after.
 */
final class StatusWriter {
  private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);

  /** A new version of a message computed from the version {@code base}. */
  record Change(MessageRecord base, MessageRecord update) {
    boolean statusChanged() {
      return base.status() != update.status() || base.reason() != update.reason();
    }

    boolean lifecycleChanged() {
      return base.executingSafety() != update.executingSafety()
          || base.initiatingSafety() != update.initiatingSafety() || base.isFinal() != update.isFinal()
          || base.accessList() != update.accessList();
    }
  }

  private final MessageStore store;
  private final JudgeListener listener;
  private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

  StatusWriter(MessageStore store, JudgeListener listener) {
    this.store = store;
    this.listener = listener;
  }

  /**
   * Stores messages found for the first time, each as its discovery pending record or already decided (a
   * malformed log needs no judge); only scanners add, each its own chain's messages, so no lock is needed.
   */
  void add(List<Change> discovered) {
    discovered.forEach(c -> listener.found(c.base()));
    store.mergeAll(discovered.stream().map(Change::update).toList());
    report(discovered.stream().filter(Change::statusChanged).toList());
  }

  /**
   * Stores each update whose message is still at its base status; returns the changes stored, each from what the
   * store held before to what it holds afterwards. Reporting from the stored version, not the caller's copy,
   * matters: an access-list result or a safety written meanwhile must not be reported (and counted) again.
   */
  List<Change> write(Collection<Change> changes) {
    var stored = new ArrayList<Change>();
    changes.stream().collect(Collectors.groupingBy(c -> c.base().key().executingChainId()))
        .forEach((chainId, group) -> locked(chainId, () -> {
      var current = new ArrayList<Change>();
      for (Change c : group) {
        Optional<MessageRecord> before = store.find(c.base().key());
        if (before.map(r -> r.stamp().equals(c.base().stamp())).orElse(true)) {
          current.add(new Change(before.orElse(c.base()), c.update()));
        }
      }
      store.mergeEach(current.stream().map(Change::update).toList());
      // What is stored may hold more than the update (an access-list result written meanwhile): report that.
      current.forEach(c -> stored.add(new Change(c.base(), store.find(c.base().key()).orElse(c.update()))));
    }));
    report(stored);
    return stored;
  }

  /** Applies {@code change} to the stored version of each message; returns the changes stored. */
  List<Change> update(Collection<MessageKey> keys, UnaryOperator<MessageRecord> change) {
    var stored = new ArrayList<Change>();
    keys.stream().collect(Collectors.groupingBy(MessageKey::executingChainId)).forEach((chainId, group) ->
        locked(chainId, () -> {
          var updates = new ArrayList<Change>();
          for (MessageKey key : group) {
            Optional<MessageRecord> base = store.find(key);
            base.map(b -> new Change(b, change.apply(b))).filter(c -> !c.update().equals(c.base()))
                .ifPresent(updates::add);
          }
          store.mergeEach(updates.stream().map(Change::update).toList());
          stored.addAll(updates);
        }));
    report(stored);
    return stored;
  }

  private void report(List<Change> stored) {
    for (Change c : stored) {
      listener.changed(c.base(), c.update());
      MessageRecord after = c.update();
      if (after.hasAccessListProblem()
          && !(c.base().hasAccessListProblem() && c.base().accessList() == after.accessList())) {
        log.warn("valid message not declared by its access list id={} executingTxHash={} accessList={}",
            after.key(), after.executingTxHash(), after.accessList().wireName());
      }
    }
  }

  private void locked(long executingChainId, Runnable action) {
    ReentrantLock lock = locks.computeIfAbsent(executingChainId, id -> new ReentrantLock());
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }
}
