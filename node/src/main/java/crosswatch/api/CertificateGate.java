package crosswatch.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Optional client authentication: the TLS handshake asks for a certificate and refuses one the CA did not sign; a
 * request that came without one reaches only the probes, because the kubelet cannot show a certificate.
 */
final class CertificateGate {
  static final Set<String> OPEN = Set.of("/healthz", "/readyz");

  private CertificateGate() {}

  static void handle(RoutingContext ctx) {
    if (OPEN.contains(ctx.normalizedPath()) || hasCertificate(ctx)) {
      ctx.next();
    } else {
      JsonBody.send(ctx, 403, new ErrorJson("a client certificate signed by the CA of --http-tls-truststore is "
          + "required", null));
    }
  }

  /** A certificate the handshake verified: one the CA did not sign never gets this far. */
  private static boolean hasCertificate(RoutingContext ctx) {
    try {
      return !ctx.request().connection().peerCertificates().isEmpty();
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }
}
