package crosswatch.api;

import crosswatch.cluster.ClusterStatus;
import crosswatch.store.MessageStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Every route of the HTTP API, in one place. */
final class Routes {
  private Routes() {}

  /**
   * Handlers that touch the store or the registry run on {@code blocking} (virtual threads), never on the event
   * loop: a store read may block (a remote Infinispan owner), and a scrape walks every meter.
   */
  static Router router(Vertx vertx, MessageStore store, PrometheusMeterRegistry registry,
                       Optional<Supplier<ClusterStatus>> cluster, Executor blocking) {
    var messages = new MessagesHandler(store);
    var metrics = new MetricsHandler(registry);
    Router router = Router.router(vertx);
    router.get("/healthz").handler(ctx -> JsonBody.send(ctx, 200, Map.of("status", "ok")));
    router.get("/metrics").handler(on(blocking, metrics::scrape));
    router.get("/api/v1/messages").handler(on(blocking, messages::list));
    router.get("/api/v1/messages/:id").handler(on(blocking, messages::one));
    cluster.ifPresent(c -> router.get("/api/v1/cluster").handler(new ClusterHandler(c)::status));
    router.route().failureHandler(ApiErrors::handle);
    for (int status : new int[] {400, 404, 405, 500}) {
      router.errorHandler(status, ApiErrors::handle);
    }
    return router;
  }

  private static Handler<RoutingContext> on(Executor executor, Handler<RoutingContext> handler) {
    return ctx -> executor.execute(() -> {
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }
}
