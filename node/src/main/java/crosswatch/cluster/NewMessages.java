package crosswatch.cluster;

import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import java.util.List;
import java.util.function.Consumer;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryModifiedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each message record another replica created, or made pending again when its executing block returned to
 * the chain, to {@code consumer}: how the owner of a message's initiating chain learns of messages found by the
 * scanner of another chain, without polling. Other updates are left out (judges write those; reacting to them
 * would loop). Own writes are left out where Infinispan marks them local: a writer that is not the key's primary
 * owner applies its write as a backup and hears it too, which costs its judge a second look at a record it
 * dispatched already, nothing more. Asynchronous, so that a slow consumer never holds up replication.
 */
@Listener(sync = false, observation = Listener.Observation.POST)
public final class NewMessages {
  private static final Logger log = LoggerFactory.getLogger(NewMessages.class);

  private final Consumer<List<MessageRecord>> consumer;

  public NewMessages(Consumer<List<MessageRecord>> consumer) {
    this.consumer = consumer;
  }

  @CacheEntryCreated
  public void created(CacheEntryCreatedEvent<MessageKey, MessageRecord> event) {
    if (!event.isOriginLocal() && event.getValue() != null) {
      consumer.accept(List.of(event.getValue()));
    }
  }

  /**
   * On a replicated cache the old value is this replica's copy before the write (every replica holds every
   * record in memory), so a return from reorged is seen here whichever replica wrote it.
   */
  @CacheEntryModified
  public void modified(CacheEntryModifiedEvent<MessageKey, MessageRecord> event) {
    MessageRecord after = event.getNewValue();
    if (!event.isOriginLocal() && returned(event.getOldValue(), after)) {
      log.info("message pending again after its block returned id={} executingChainId={} initiatingChainId={}",
          after.key(), after.key().executingChainId(), after.initiatingChainId());
      consumer.accept(List.of(after));
    }
  }

  /** A write that took a record from reorged back to pending: the only update a judge must hear of. */
  static boolean returned(MessageRecord before, MessageRecord after) {
    return before != null && after != null && before.status() == Status.REORGED
        && after.status() == Status.PENDING;
  }
}
