package crosswatch.api;

import crosswatch.store.MessageKey;
import crosswatch.store.MessageStore;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/messages}: one page of messages, or one message by id. */
final class MessagesHandler {
  private final MessageStore store;
  private final String localSite;

  /** @param localSite the name of the site answering (see {@link MessageJson#of}) */
  MessagesHandler(MessageStore store, String localSite) {
    this.store = store;
    this.localSite = localSite;
  }

  void list(RoutingContext ctx) {
    JsonBody.send(ctx, 200, PageJson.of(store.query(Params.messageQuery(ctx)), localSite));
  }

  void one(RoutingContext ctx) {
    MessageKey key = Params.messageKey(ctx, "id");
    store.find(key).ifPresentOrElse(r -> JsonBody.send(ctx, 200, MessageJson.of(r, localSite)),
        () -> ctx.fail(404));
  }
}
