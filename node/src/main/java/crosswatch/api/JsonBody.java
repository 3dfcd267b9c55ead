package crosswatch.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.json.JsonMapper;

/** Writes response bodies with the API's one Jackson 3 mapper (Vert.x's own codec is Jackson 2). */
final class JsonBody {
  // Records serialise in component order (Jackson puts creator properties first): the contract's field order.
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonBody() {}

  static void send(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(Buffer.buffer(MAPPER.writeValueAsBytes(body)));
  }
}
