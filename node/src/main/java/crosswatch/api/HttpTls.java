package crosswatch.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS for the API, the status page and {@code /metrics}: this node's key and certificate, and, when clients must
 * show certificates, the CA certificates that sign them. Both stores are PKCS#12. {@link #toString()} never shows
 * the passwords.
 *
 * @param truststore present exactly when {@code clientAuth} is not {@link ClientAuth#NONE}
 */
public record HttpTls(Path keystore, String keystorePassword, ClientAuth clientAuth, Optional<Path> truststore,
                      String truststorePassword) {

  /** Whether clients show a certificate signed by the truststore's CA. */
  public enum ClientAuth {
    /** Every connection must: the TLS handshake fails without one. */
    REQUIRED("required"),
    /**
     * One is asked for; a request without one reaches only {@code /healthz} and {@code /readyz} (what Kubernetes
     * probes need: the kubelet cannot show a certificate) and every other path answers 403.
     */
    OPTIONAL("optional"),
    /** No client certificates: anyone who reaches the port is served. */
    NONE("none");

    private final String wireName;

    ClientAuth(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public HttpTls {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(truststore, "truststore");
    if ((clientAuth == ClientAuth.NONE) != truststore.isEmpty()) {
      throw new IllegalArgumentException("a truststore goes with client authentication and only with it");
    }
    if (truststore.isPresent()) {
      Objects.requireNonNull(truststorePassword, "truststorePassword");
    }
  }

  /** Server authentication only. */
  public static HttpTls serverOnly(Path keystore, String keystorePassword) {
    return new HttpTls(keystore, keystorePassword, ClientAuth.NONE, Optional.empty(), null);
  }

  @Override
  public String toString() {
    return "HttpTls[keystore=" + keystore + ", clientAuth=" + clientAuth.wireName()
        + truststore.map(t -> ", truststore=" + t).orElse("") + "]";
  }
}
