package crosswatch.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** {@code /metrics}: the registry in Prometheus text format, or OpenMetrics when the scraper asks for it. */
final class MetricsHandler {
  // The content types PrometheusMeterRegistry.scrape(String) selects its writer by (prometheus-metrics' own
  // constants are only on the runtime classpath).
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  MetricsHandler(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  void scrape(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    String type = accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : PROMETHEUS_TEXT;
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type).end(registry.scrape(type));
  }
}
