package crosswatch.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A file shipped in the jar under {@code crosswatch/api/}, read once at start: the status page and the OpenAPI
 * document. Served without touching the file system, so the page works offline and from any working directory.
 */
final class StaticFile {
  private final Buffer body;
  private final String contentType;

  private StaticFile(Buffer body, String contentType) {
    this.body = body;
    this.contentType = contentType;
  }

  static StaticFile load(String name, String contentType) {
    try (InputStream in = StaticFile.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource crosswatch/api/" + name);
      }
      return new StaticFile(Buffer.buffer(in.readAllBytes()), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void serve(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(body);
  }
}
