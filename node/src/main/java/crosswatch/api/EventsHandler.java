package crosswatch.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/events}: a Server-Sent Events stream of status changes, filtered like the message list. */
final class EventsHandler {
  private final EventFeed feed;

  EventsHandler(EventFeed feed) {
    this.feed = feed;
  }

  /** Runs on the event loop: it only registers the stream, and every write must come from that loop. */
  void stream(RoutingContext ctx) {
    Params.EventQuery query = Params.eventQuery(ctx);
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    // Sends the headers now, so the client's EventSource opens before the first change.
    response.write(": connected\n\n");
    feed.open(query.filter(), query.replay(), ctx.vertx().getOrCreateContext(), response);
  }
}
