package crosswatch.judge;

import crosswatch.protocol.AccessList;
import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.ExecutingMessage;
import crosswatch.store.Hash32;
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
  private Worker worker;

  AccessListChecker(long chainId, AccessLists accessLists, StatusWriter writer) {
    this.chainId = chainId;
    this.accessLists = accessLists;
    this.writer = writer;
  }

  void start() {
    worker = Worker.start("access-lists-" + chainId, this::checkWaiting);
  }

  void check(List<MessageRecord> records) {
    waiting.addAll(records);
  }

  private void checkWaiting() throws InterruptedException {
    var due = new ArrayList<MessageRecord>(List.of(waiting.take()));
    waiting.drainTo(due);
    try {
      round(due);
    } catch (ChainUnavailable e) {
      if (!Thread.currentThread().isInterrupted()) {
        log.warn("access lists unavailable, messages stay unchecked executingChainId={} messages={} error={}",
            chainId, due.size(), e.getMessage());
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
        results.put(r.key(), verdict(r, declared));
      }
    });
    if (results.size() < byKey.size()) {
      log.warn("executing transactions unknown to the node, messages stay unchecked executingChainId={} messages={}",
          chainId, byKey.size() - results.size());
    }
    writer.update(results.keySet(), r -> r.withAccessList(results.get(r.key())));
  }

  /** What the executing transaction's declared storage keys under the inbox say about this message. */
  static AccessListCheck verdict(MessageRecord r, List<String> inboxStorageKeys) {
    if (r.msgHash() == null || r.identifier() == null) {
      return AccessListCheck.MISSING;
    }
    return AccessList.confirm(inboxStorageKeys, new ExecutingMessage(Hash32.text(r.msgHash()), r.identifier()));
  }

  @Override
  public void close() {
    Worker.stop(worker);
  }
}
