package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.cluster.TestCertificates;
import crosswatch.cluster.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started as Main starts it, with {@code --http-tls-*} flags and the passwords from env, scraped over HTTPS by
 * the JDK's HttpClient trusting the test CA: server authentication only, client certificates required, and optional
 * client certificates (probes open, everything else refused without one). Certificates are made at test time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class HttpsTest {
  private static final String RPC = "http://127.0.0.1:1";
  private static final String INFO = "crosswatch_info{node=\"test-node\"";

  private TestCertificates certificates;
  private TlsOptions server;
  private TlsOptions client;
  private TlsOptions stranger;
  private Node node;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  void certificates(@TempDir Path dir) throws Exception {
    certificates = new TestCertificates(dir.resolve("pki"));
    server = certificates.loopbackServer("node");
    client = certificates.signed("prometheus");
    stranger = certificates.stranger("stranger");
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Starts a node over HTTPS with {@code extra} flags; the passwords come from env, as the README says. */
  private int start(Path dataDir, String... extra) {
    return start(dataDir, server.keystore(), extra);
  }

  private int start(Path dataDir, Path keystore, String... extra) {
    List<String> args = NodeConfigs.args(RPC, 0, dataDir);
    args.addAll(List.of("--http-tls-keystore", keystore.toString()));
    args.addAll(List.of(extra));
    Map<String, String> env = Map.of("CROSSWATCH_HTTP_TLS_KEYSTORE_PASSWORD", server.keystorePassword(),
        "CROSSWATCH_HTTP_TLS_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD);
    var launch = Main.launch(args, env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), (endpoints, timeout, registry) -> List.of());
    assertThat(launch).as(err.toString(StandardCharsets.UTF_8)).isInstanceOf(Main.Launch.Running.class);
    node = ((Main.Launch.Running) launch).node();
    return node.httpPort();
  }

  /** A client that trusts the test CA, showing {@code key}'s certificate when present. */
  private HttpClient client(Optional<TlsOptions> key) throws IOException, GeneralSecurityException {
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load(certificates.truststore()));
    var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(key.isPresent() ? load(key.get().keystore()) : null, TestCertificates.PASSWORD.toCharArray());
    var context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {new AlwaysShow((X509ExtendedKeyManager) keys.getKeyManagers()[0])},
        trust.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  /**
   * Shows the client's certificate whatever CAs the server names: the JDK's own choice would send none for a
   * stranger's certificate, and the server must be seen refusing one, not merely not receiving it.
   */
  private static final class AlwaysShow extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    AlwaysShow(X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    private String only(String keyType) {
      String[] aliases = keys.getClientAliases(keyType, null);
      return aliases == null || aliases.length == 0 ? null : aliases[0];
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return Arrays.stream(keyType).map(this::only).filter(Objects::nonNull).findFirst().orElse(null);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return chooseEngineClientAlias(keyType, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return keys.getClientAliases(keyType, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    return store;
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
    try (client) {
      return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static String https(int port, String path) {
    return "https://127.0.0.1:" + port + path;
  }

  @Nested
  class ServerAuthentication {
    @Test
    void aClientTrustingTheCaScrapesMetricsAndPlainHttpGetsNothing(@TempDir Path dataDir) throws Exception {
      int port = start(dataDir);

      HttpResponse<String> scrape = get(client(Optional.empty()), https(port, "/metrics"));
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains(INFO);
      assertThat(get(client(Optional.empty()), https(port, "/healthz")).statusCode()).isEqualTo(200);

      assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/metrics"))
          .isInstanceOf(IOException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCaRefusesTheServer(@TempDir Path dataDir) {
      int port = start(dataDir);

      assertThatThrownBy(() -> get(HttpClient.newHttpClient(), https(port, "/metrics")))
          .isInstanceOf(IOException.class).hasStackTraceContaining("PKIX");
    }
  }

  @Nested
  class Renewal {
    @Test
    void aCertificateRenewedInPlaceIsServedWithoutARestart(@TempDir Path dataDir, @TempDir Path secret)
        throws Exception {
      Path keystore = Files.copy(server.keystore(), secret.resolve("keystore.p12"));
      int port = start(dataDir, keystore);
      assertThat(servedName(port)).isEqualTo("CN=node");

      Files.copy(certificates.loopbackServer("node-renewed").keystore(), keystore, StandardCopyOption.REPLACE_EXISTING);

      Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(servedName(port)).isEqualTo("CN=node-renewed"));
    }

    private String servedName(int port) throws Exception {
      HttpResponse<String> response = get(client(Optional.empty()), https(port, "/healthz"));
      return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0])
          .getSubjectX500Principal().getName();
    }
  }

  @Nested
  class ClientCertificatesRequired {
    @Test
    void aClientWithACertificateTheCaSignedScrapesAndOneWithoutOrWithAStrangersIsRefused(@TempDir Path dataDir)
        throws Exception {
      int port = start(dataDir, "--http-tls-client-auth", "required", "--http-tls-truststore",
          certificates.truststore().toString());

      HttpResponse<String> scrape = get(client(Optional.of(client)), https(port, "/metrics"));
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains(INFO);

      assertThatThrownBy(() -> get(client(Optional.empty()), https(port, "/metrics")))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> get(client(Optional.of(stranger)), https(port, "/metrics")))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> get(client(Optional.empty()), https(port, "/healthz")))
          .as("required means every path").isInstanceOf(IOException.class);
    }
  }

  @Nested
  class ClientCertificatesOptional {
    @Test
    void withoutACertificateOnlyTheProbesAnswerAndWithOneEverythingDoes(@TempDir Path dataDir) throws Exception {
      int port = start(dataDir, "--http-tls-client-auth", "optional", "--http-tls-truststore",
          certificates.truststore().toString());

      assertThat(get(client(Optional.empty()), https(port, "/healthz")).statusCode()).isEqualTo(200);
      // Not ready (its RPC is unreachable), but answered: the probe itself is not refused.
      assertThat(get(client(Optional.empty()), https(port, "/readyz")).statusCode()).isEqualTo(503);
      List<Integer> refused = new ArrayList<>();
      for (String path : List.of("/metrics", "/", "/api/v1/summary", "/api/v1/messages", "/no-such-path")) {
        HttpResponse<String> response = get(client(Optional.empty()), https(port, path));
        assertThat(response.body()).as(path).contains("\"error\":\"a client certificate");
        refused.add(response.statusCode());
      }
      assertThat(refused).containsOnly(403);

      HttpResponse<String> scrape = get(client(Optional.of(client)), https(port, "/metrics"));
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains(INFO);
      assertThatThrownBy(() -> get(client(Optional.of(stranger)), https(port, "/healthz")))
          .as("a certificate the CA did not sign fails the handshake").isInstanceOf(IOException.class);
    }
  }
}
