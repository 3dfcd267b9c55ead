package crosswatch.config;

import static crosswatch.config.Flags.HTTP_TLS_CLIENT_AUTH;
import static crosswatch.config.Flags.HTTP_TLS_KEYSTORE;
import static crosswatch.config.Flags.HTTP_TLS_KEYSTORE_PASSWORD;
import static crosswatch.config.Flags.HTTP_TLS_TRUSTSTORE;
import static crosswatch.config.Flags.HTTP_TLS_TRUSTSTORE_PASSWORD;

import crosswatch.api.HttpTls;
import crosswatch.api.HttpTls.ClientAuth;
import crosswatch.api.KeyMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The HTTPS flags, checked as a whole: both stores are opened here, so a missing file, a wrong password or a store
 * without the expected entries exits 2 naming the flag before anything starts. Passwords come only from the env or
 * the config file (the command line shows in {@code ps}) and are never part of a message.
 */
final class HttpTlsSettings {
  /**
   * The flags that mean nothing without --http-tls-keystore: given alone, they show a mistake that would otherwise
   * leave the port on plain HTTP. (A truststore password alone is harmless, e.g. one Secret feeding every replica.)
   */
  private static final List<Flag<?>> NEED_KEYSTORE = List.of(HTTP_TLS_KEYSTORE_PASSWORD, HTTP_TLS_CLIENT_AUTH,
      HTTP_TLS_TRUSTSTORE);

  private HttpTlsSettings() {}

  static ClientAuth clientAuth(String raw) {
    for (ClientAuth mode : ClientAuth.values()) {
      if (mode.wireName().equals(raw)) {
        return mode;
      }
    }
    throw new InvalidValue("expected required, optional or none, got \"" + raw + "\"");
  }

  static Optional<HttpTls> read(Settings settings) {
    for (Flag<String> password : List.of(HTTP_TLS_KEYSTORE_PASSWORD, HTTP_TLS_TRUSTSTORE_PASSWORD)) {
      if (settings.raw(password).isPresent() && settings.origin(password).isEmpty()) {
        throw new Refusal(password.name(), "not accepted on the command line, where ps shows it: set "
            + password.envName());
      }
    }
    Optional<Path> keystore = settings.optional(HTTP_TLS_KEYSTORE);
    if (keystore.isEmpty()) {
      NEED_KEYSTORE.stream().filter(flag -> settings.raw(flag).isPresent()).findFirst().ifPresent(flag -> {
        throw new Refusal(flag.name(), "needs --http-tls-keystore" + settings.origin(flag));
      });
      return Optional.empty();
    }
    String keystorePassword = password(settings, HTTP_TLS_KEYSTORE_PASSWORD, HTTP_TLS_KEYSTORE);
    KeyStore keys = open(settings, HTTP_TLS_KEYSTORE, keystore.get(), keystorePassword, HTTP_TLS_KEYSTORE_PASSWORD);
    if (Collections.list(aliases(keys)).stream().noneMatch(alias -> isKey(keys, alias))) {
      throw new Refusal(HTTP_TLS_KEYSTORE.name(), "\"" + keystore.get() + "\" holds no private key"
          + settings.origin(HTTP_TLS_KEYSTORE));
    }
    ClientAuth clientAuth = settings.single(HTTP_TLS_CLIENT_AUTH);
    Optional<Path> truststore = settings.optional(HTTP_TLS_TRUSTSTORE);
    if (clientAuth == ClientAuth.NONE) {
      if (truststore.isPresent()) {
        throw new Refusal(HTTP_TLS_TRUSTSTORE.name(), "only used with --http-tls-client-auth required or optional"
            + settings.origin(HTTP_TLS_TRUSTSTORE));
      }
      return Optional.of(HttpTls.serverOnly(keystore.get(), keystorePassword));
    }
    if (truststore.isEmpty()) {
      throw new Refusal(HTTP_TLS_TRUSTSTORE.name(), "required by --http-tls-client-auth " + clientAuth.wireName());
    }
    String truststorePassword = password(settings, HTTP_TLS_TRUSTSTORE_PASSWORD, HTTP_TLS_TRUSTSTORE);
    KeyStore trust = open(settings, HTTP_TLS_TRUSTSTORE, truststore.get(), truststorePassword,
        HTTP_TLS_TRUSTSTORE_PASSWORD);
    if (Collections.list(aliases(trust)).stream().noneMatch(alias -> isCertificate(trust, alias))) {
      throw new Refusal(HTTP_TLS_TRUSTSTORE.name(), "\"" + truststore.get() + "\" holds no CA certificate"
          + settings.origin(HTTP_TLS_TRUSTSTORE));
    }
    return Optional.of(new HttpTls(keystore.get(), keystorePassword, clientAuth, truststore, truststorePassword));
  }

  private static String password(Settings settings, Flag<String> password, Flag<Path> store) {
    return settings.optional(password).orElseThrow(() -> new Refusal(password.name(), "required with "
        + store.option() + ": set " + password.envName()));
  }

  /** Opens a PKCS#12 store; the refusal names the file and the password's variable, never the password. */
  private static KeyStore open(Settings settings, Flag<Path> flag, Path file, String password,
                               Flag<String> passwordFlag) {
    String where = settings.origin(flag);
    try {
      return KeyMaterial.pkcs12(Files.readAllBytes(file), password);
    } catch (NoSuchFileException e) {
      throw new Refusal(flag.name(), "no such file \"" + file + "\"" + where);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new Refusal(flag.name(), "cannot open \"" + file + "\" with the password of " + passwordFlag.envName()
            + " (wrong password)" + where);
      }
      throw new Refusal(flag.name(), "cannot read \"" + file + "\" as PKCS#12 (" + e.getClass().getSimpleName()
          + ")" + where);
    } catch (GeneralSecurityException e) {
      throw new Refusal(flag.name(), "cannot read \"" + file + "\" as PKCS#12 (" + e.getClass().getSimpleName()
          + ")" + where);
    }
  }

  private static java.util.Enumeration<String> aliases(KeyStore store) {
    try {
      return store.aliases();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a loaded keystore lists its aliases", e);
    }
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean isCertificate(KeyStore store, String alias) {
    try {
      return store.isCertificateEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
