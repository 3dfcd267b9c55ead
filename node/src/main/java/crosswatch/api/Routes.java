package crosswatch.api;

import crosswatch.cluster.ClusterStatus;
import crosswatch.store.MessageCounts;
import crosswatch.store.MessageStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
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
   *
   * @param localSite the name this replica's site's verdicts are shown under
   * @param certificateGate whether a request without a client certificate reaches only the probes
   */
  static Router router(Vertx vertx, MessageStore store, PrometheusMeterRegistry registry, Executor blocking,
                       NodeView node, MessageCounts counts, EventFeed feed,
                       Optional<Supplier<ClusterStatus>> cluster, String localSite, boolean certificateGate) {
    var messages = new MessagesHandler(store, localSite);
    var metrics = new MetricsHandler(registry);
    var chains = new ChainsHandler(node);
    var events = new EventsHandler(feed);
    Router router = Router.router(vertx);
    if (certificateGate) {
      router.route().handler(CertificateGate::handle);
    }
    router.get("/healthz").handler(ctx -> JsonBody.send(ctx, 200, Map.of("status", "ok")));
    router.get("/readyz").handler(on(blocking, chains::ready));
    router.get("/metrics").handler(on(blocking, metrics::scrape));
    router.get("/api/v1/messages").handler(on(blocking, messages::list));
    router.get("/api/v1/messages/:id").handler(on(blocking, messages::one));
    router.get("/api/v1/chains").handler(on(blocking, chains::list));
    router.get("/api/v1/summary").handler(on(blocking, ctx -> summary(ctx, counts)));
    router.get("/api/v1/series").handler(on(blocking, ctx -> series(ctx, counts)));
    router.get("/api/v1/events").handler(events::stream);
    cluster.ifPresent(c -> router.get("/api/v1/cluster").handler(new ClusterHandler(c)::status));
    router.get("/api/v1/openapi.json").handler(StaticFile.load("openapi.json", "application/json")::serve);
    router.get("/").handler(StaticFile.load("status.html", "text/html; charset=utf-8")::serve);
    router.get("/status.css").handler(StaticFile.load("status.css", "text/css; charset=utf-8")::serve);
    router.get("/status.js").handler(StaticFile.load("status.js", "text/javascript; charset=utf-8")::serve);
    router.route().failureHandler(ApiErrors::handle);
    for (int status : new int[] {400, 404, 405, 500}) {
      router.errorHandler(status, ApiErrors::handle);
    }
    return router;
  }

  private static void summary(RoutingContext ctx, MessageCounts counts) {
    Params.noQuery(ctx);
    JsonBody.send(ctx, 200, SummaryJson.of(counts));
  }

  private static void series(RoutingContext ctx, MessageCounts counts) {
    Params.SeriesQuery query = Params.seriesQuery(ctx);
    JsonBody.send(ctx, 200, SeriesJson.of(counts, Instant.now(), query.stepMinutes(), query.steps()));
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
