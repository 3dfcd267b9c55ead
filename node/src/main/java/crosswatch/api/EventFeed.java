package crosswatch.api;

import crosswatch.store.MessageEvents;
import crosswatch.store.MessageQuery;
import crosswatch.store.MessageRecord;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * The source of {@code /api/v1/events}: turns store changes into events, keeps the newest {@link Params#MAX_REPLAY}
 * for clients that connect later, and writes each event to every open stream whose filter matches. Store listeners
 * run on writer threads, so a write to a stream is handed to that stream's own event-loop context; a client that
 * cannot keep up is disconnected rather than buffered without bound (its EventSource reconnects and replays).
 */
final class EventFeed implements AutoCloseable {
  static final int DEFAULT_REPLAY = 100;
  /** A comment line now and then keeps idle proxies and load balancers from closing a quiet stream. */
  private static final long HEARTBEAT_MILLIS = 15_000;
  private static final Buffer HEARTBEAT = Buffer.buffer(": keep-alive\n\n");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private record Event(MessageRecord record, Buffer frame) {}

  private record Stream(MessageQuery filter, Context context, HttpServerResponse response) {}

  private final ArrayDeque<Event> recent = new ArrayDeque<>();
  private final CopyOnWriteArrayList<Stream> streams = new CopyOnWriteArrayList<>();
  private final MessageEvents.Subscription subscription;
  private long sequence;

  private final String localSite;

  /** @param localSite the name of the site answering (see {@link MessageJson#of}) */
  EventFeed(MessageEvents events, String localSite) {
    this.localSite = localSite;
    subscription = events.subscribe(this::publish);
  }

  private void publish(MessageEvents.Change change) {
    String kind = EventJson.kindOf(change);
    if (kind == null) {
      return;
    }
    Event event;
    List<Stream> targets;
    synchronized (this) {
      sequence++;
      EventJson json = EventJson.of(sequence, kind, change, localSite);
      event = new Event(change.after(), Buffer.buffer(
          "id: " + json.id() + "\nevent: " + kind + "\ndata: " + MAPPER.writeValueAsString(json) + "\n\n"));
      recent.addLast(event);
      if (recent.size() > Params.MAX_REPLAY) {
        recent.removeFirst();
      }
      targets = streams;
    }
    for (Stream stream : targets) {
      if (stream.filter().matches(event.record())) {
        stream.context().runOnContext(v -> write(stream, event.frame()));
      }
    }
  }

  /**
   * Starts streaming to {@code response}: the newest {@code replay} matching events, then every later match. Runs
   * on the response's event loop, so live events (queued to that loop) can only follow the replay.
   */
  void open(MessageQuery filter, int replay, Context context, HttpServerResponse response) {
    var stream = new Stream(filter, context, response);
    List<Event> replayed = new ArrayList<>();
    synchronized (this) {
      for (var it = recent.descendingIterator(); it.hasNext() && replayed.size() < replay; ) {
        Event event = it.next();
        if (filter.matches(event.record())) {
          replayed.addFirst(event);
        }
      }
      streams.add(stream);
    }
    long heartbeat = context.owner().setPeriodic(HEARTBEAT_MILLIS, id -> write(stream, HEARTBEAT));
    response.closeHandler(v -> {
      streams.remove(stream);
      context.owner().cancelTimer(heartbeat);
    });
    // One write: the write queue counts writes, so a replay written frame by frame (before the socket can drain)
    // filled it and disconnected every client that asked for more than a few dozen past changes.
    Buffer frames = Buffer.buffer();
    replayed.forEach(event -> frames.appendBuffer(event.frame()));
    if (frames.length() > 0) {
      write(stream, frames);
    }
  }

  private void write(Stream stream, Buffer frame) {
    HttpServerResponse response = stream.response();
    if (response.closed() || response.ended()) {
      streams.remove(stream);
      return;
    }
    if (response.writeQueueFull()) {
      streams.remove(stream);
      response.reset();
      return;
    }
    response.write(frame);
  }

  @Override
  public void close() {
    subscription.close();
  }
}
