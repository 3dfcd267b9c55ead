package crosswatch.api;

import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves renewed HTTPS key material without a restart (cert-manager rewrites a Secret's files in place): each check
 * reads the stores again and, when they changed and open with their passwords, gives them to the server for new
 * connections. A renewal that does not open is logged once and the server keeps what it serves.
 */
final class KeyMaterialReload {
  /** How often the files are read again: renewals come weeks before expiry, and reading two small files is cheap. */
  static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final long TIMEOUT_SECONDS = 10;
  private static final Logger log = LoggerFactory.getLogger(KeyMaterialReload.class);

  private final HttpTls tls;
  private final HttpServer server;
  private KeyMaterial served;
  private KeyMaterial refused;

  KeyMaterialReload(HttpTls tls, HttpServer server, KeyMaterial served) {
    this.tls = tls;
    this.server = server;
    this.served = served;
  }

  /** Reads the files; serves what they hold when it changed and opens. Returns whether the served material changed. */
  synchronized boolean check() {
    KeyMaterial next;
    try {
      next = KeyMaterial.read(tls);
    } catch (IOException e) {
      log.warn("https key material unreadable, serving the previous one keystore={} error={}", tls.keystore(),
          e.getClass().getSimpleName());
      return false;
    }
    if (next.sameAs(served) || (refused != null && next.sameAs(refused))) {
      return false;
    }
    try {
      next.open();
      server.updateSSLOptions(next.sslOptions()).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (IOException | GeneralSecurityException | TimeoutException e) {
      refused = next;
      log.warn("https key material not served, serving the previous one keystore={} error={}", tls.keystore(),
          e.getClass().getSimpleName());
      return false;
    }
    served = next;
    log.info("https key material reloaded keystore={}", tls.keystore());
    return true;
  }
}
