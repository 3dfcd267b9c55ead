package crosswatch.cluster;

import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import java.util.List;
import java.util.function.Consumer;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;

/**
 * Hands each message record another replica created to {@code consumer}: how the owner of a message's initiating
 * chain learns of messages found by the scanner of another chain, without polling. Own writes are left out (the
 * writer dispatched them already), and so are updates (judges write those; reacting to them would loop).
 * Asynchronous, so that a slow consumer never holds up replication.
 */
@Listener(sync = false, observation = Listener.Observation.POST)
public final class NewMessages {
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
}
