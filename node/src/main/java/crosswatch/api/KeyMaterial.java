package crosswatch.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;

/**
 * The HTTPS stores as read from their files at one moment: what the server is given, by value, so that a renewal
 * written to the same paths later is seen as a change.
 */
public final class KeyMaterial {
  private final HttpTls tls;
  private final byte[] keystore;
  private final Optional<byte[]> truststore;

  private KeyMaterial(HttpTls tls, byte[] keystore, Optional<byte[]> truststore) {
    this.tls = tls;
    this.keystore = keystore;
    this.truststore = truststore;
  }

  static KeyMaterial read(HttpTls tls) throws IOException {
    byte[] keys = Files.readAllBytes(tls.keystore());
    Optional<byte[]> trust = tls.truststore().isPresent()
        ? Optional.of(Files.readAllBytes(tls.truststore().get())) : Optional.empty();
    return new KeyMaterial(tls, keys, trust);
  }

  /** A PKCS#12 store; throws when the bytes are none or the password does not open them. */
  public static KeyStore pkcs12(byte[] bytes, String password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(bytes), password.toCharArray());
    return store;
  }

  /** Throws unless both stores open with their passwords (a renewal may be caught half-written). */
  void open() throws IOException, GeneralSecurityException {
    pkcs12(keystore, tls.keystorePassword());
    if (truststore.isPresent()) {
      pkcs12(truststore.get(), tls.truststorePassword());
    }
  }

  boolean sameAs(KeyMaterial other) {
    return Arrays.equals(keystore, other.keystore) && truststore.isPresent() == other.truststore.isPresent()
        && (truststore.isEmpty() || Arrays.equals(truststore.get(), other.truststore.get()));
  }

  /** A server started with these stores. */
  HttpServerOptions serverOptions() {
    var options = new HttpServerOptions().setSsl(true).setKeyCertOptions(keyCert()).setClientAuth(clientAuth());
    trust().ifPresent(options::setTrustOptions);
    return options;
  }

  /** What a running server is given to serve these stores to new connections. */
  ServerSSLOptions sslOptions() {
    var options = new ServerSSLOptions().setKeyCertOptions(keyCert()).setClientAuth(clientAuth());
    trust().ifPresent(options::setTrustOptions);
    return options;
  }

  private PfxOptions keyCert() {
    return new PfxOptions().setValue(Buffer.buffer(keystore)).setPassword(tls.keystorePassword());
  }

  private Optional<PfxOptions> trust() {
    return truststore.map(t -> new PfxOptions().setValue(Buffer.buffer(t)).setPassword(tls.truststorePassword()));
  }

  private ClientAuth clientAuth() {
    return switch (tls.clientAuth()) {
      case REQUIRED -> ClientAuth.REQUIRED;
      case OPTIONAL -> ClientAuth.REQUEST;
      case NONE -> ClientAuth.NONE;
    };
  }
}
