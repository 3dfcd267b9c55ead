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
 * Hands each message record another replica (of this site or another) created, or made pending here, to
 * {@code consumer}, seen from this replica's site: how the owner of a message's initiating chain learns of messages
 * found by the scanner of another chain, without polling. A record becomes pending again when its executing block
 * returned to the chain, or when a replica that fell behind (a paused process, the far side of a partition) found
 * it anew and its newer discovery won the merge over a verdict. Other updates are left out (judges write those;
 * reacting to them would loop). Own writes are left out where Infinispan marks them local: a writer that is not
 * the key's primary owner applies its write as a backup and hears it too, which costs its judge a second look at a
 * record it dispatched already, nothing more. Asynchronous, so that a slow consumer never holds up replication.
 */
@Listener(sync = false, observation = Listener.Observation.POST)
public final class NewMessages {
  private static final Logger log = LoggerFactory.getLogger(NewMessages.class);

  private final Consumer<List<MessageRecord>> consumer;
  private final String site;

  /** A listener for a deployment of one site. */
  public NewMessages(Consumer<List<MessageRecord>> consumer) {
    this(consumer, "");
  }

  /**
   * @param site this replica's site, from which records are handed on (see {@link MessageRecord#seenFrom}): a record
   *     another site created is pending here until this site's judge reaches its own verdict
   */
  public NewMessages(Consumer<List<MessageRecord>> consumer, String site) {
    this.consumer = consumer;
    this.site = site;
  }

  @CacheEntryCreated
  public void created(CacheEntryCreatedEvent<MessageKey, MessageRecord> event) {
    if (!event.isOriginLocal() && event.getValue() != null) {
      consumer.accept(List.of(event.getValue().seenFrom(site)));
    }
  }

  /**
   * On a replicated cache the old value is this replica's copy before the write (every replica holds every
   * record in memory), so a record made pending is seen here whichever replica wrote it.
   */
  @CacheEntryModified
  public void modified(CacheEntryModifiedEvent<MessageKey, MessageRecord> event) {
    if (event.isOriginLocal() || event.getOldValue() == null || event.getNewValue() == null) {
      return;
    }
    MessageRecord after = event.getNewValue().seenFrom(site);
    MessageRecord before = event.getOldValue().seenFrom(site);
    if (becamePending(before, after)) {
      log.info("message pending again id={} executingChainId={} initiatingChainId={} was={}", after.key(),
          after.key().executingChainId(), after.initiatingChainId(), before.status().wireName());
      consumer.accept(List.of(after));
    }
  }

  /** A write that made a record pending, from whatever it was: the only update a judge must hear of. */
  static boolean becamePending(MessageRecord before, MessageRecord after) {
    return before != null && after != null && before.status() != Status.PENDING
        && after.status() == Status.PENDING;
  }
}
