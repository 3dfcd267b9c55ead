package crosswatch.api;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every failed request (bad parameter, unknown route or message, wrong method, bug) gets
 * a JSON {@code {"error","parameter"}} body. Only a bug is a 500, and only a bug is logged.
 */
final class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  static void handle(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    if (ctx.failure() instanceof BadParameter bad) {
      JsonBody.send(ctx, 400, new ErrorJson(bad.getMessage(), bad.parameter()));
      return;
    }
    int status = ctx.statusCode();
    switch (status) {
      case 400 -> JsonBody.send(ctx, 400, new ErrorJson("bad request", null));
      case 404 -> JsonBody.send(ctx, 404, new ErrorJson("not found", null));
      case 405 -> JsonBody.send(ctx, 405, new ErrorJson("method not allowed", null));
      default -> {
        log.error("request failed method={} path={} status={}", ctx.request().method(), ctx.normalizedPath(), status,
            ctx.failure());
        JsonBody.send(ctx, 500, new ErrorJson("internal error", null));
      }
    }
  }
}
