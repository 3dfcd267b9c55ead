package crosswatch.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Key material for the {@code tcp-tls} stack: this node's key and certificate, and the CA it trusts for peers,
 * both PKCS#12. {@link #toString()} never shows the passwords.
 */
public record TlsOptions(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
  public TlsOptions {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    Objects.requireNonNull(truststore, "truststore");
    Objects.requireNonNull(truststorePassword, "truststorePassword");
  }

  @Override
  public String toString() {
    return "TlsOptions[keystore=" + keystore + ", truststore=" + truststore + "]";
  }
}
