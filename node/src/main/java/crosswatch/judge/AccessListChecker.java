package crosswatch.judge;

import crosswatch.protocol.AccessListCheck;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms the access lists of messages executed on one chain, on its own virtual thread: every waiting message's
 * transaction is fetched in one batch (one fetch per transaction, shared by its messages), and each message's
 * result is stored once. A failed fetch, or a transaction the node does not know, leaves the message unchecked for
 * the sweep to hand back.
 */
final class AccessListChecker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessListChecker.class);

  private final long chainId;
  private final AccessLists accessLists;
  private final StatusWriter writer;
  private final LinkedBlockingQueue<MessageRecord> waiting = new LinkedBlockingQueue<>();
  private Thread thread;

  AccessListChecker(long chainId, AccessLists accessLists, StatusWriter writer) {
    this.chainId = chainId;
    this.accessLists = accessLists;
    this.writer = writer;
  }

  void start() {
    thread = Thread.ofVirtual().name("access-lists-" + chainId).start(this::run);
  }

  void check(List<MessageRecord> records) {
    waiting.addAll(records);
  }

  private void run() {
    while (true) {
      var due = new ArrayList<MessageRecord>();
      try {
        due.add(waiting.take());
      } catch (InterruptedException e) {
        return;
      }
      waiting.drainTo(due);
      try {
        round(due);
      } catch (ChainUnavailable e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        log.warn("access lists unavailable, messages stay unchecked executingChainId={} messages={} error={}",
            chainId, due.size(), e.getMessage());
      } catch (RuntimeException e) {
        log.error("access list round failed executingChainId={} messages={}", chainId, due.size(), e);
      }
    }
  }

  private void round(List<MessageRecord> due) throws ChainUnavailable {
    var byKey = new LinkedHashMap<MessageKey, MessageRecord>();
    due.stream().filter(r -> r.accessList() == AccessListCheck.UNCHECKED).forEach(r -> byKey.put(r.key(), r));
    if (byKey.isEmpty()) {
      return;
    }
    Map<String, List<String>> keys = accessLists.inboxStorageKeys(
        byKey.values().stream().map(r -> r.executingTxHash().toString()).distinct().toList());
    var results = new HashMap<MessageKey, AccessListCheck>();
    byKey.values().forEach(r -> {
      List<String> declared = keys.get(r.executingTxHash().toString());
      if (declared != null) {
        results.put(r.key(), Settling.accessList(r, declared));
      }
    });
    if (results.size() < byKey.size()) {
      log.warn("executing transactions unknown to the node, messages stay unchecked executingChainId={} messages={}",
          chainId, byKey.size() - results.size());
    }
    writer.update(results.keySet(), r -> r.withAccessList(results.get(r.key())));
  }

  @Override
  public void close() {
    Workers.stop(thread);
  }
}
