package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.cluster.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A renewed certificate written over the served files is served to new connections; a broken one is not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class KeyMaterialReloadTest {
  private final Vertx vertx = Vertx.vertx();
  private TestCertificates certificates;
  private Path first;
  private Path renewed;
  private Path keystore;
  private HttpTls tls;
  private HttpServer server;
  private KeyMaterialReload reload;

  @BeforeAll
  void certificates(@TempDir Path pki) throws Exception {
    certificates = new TestCertificates(pki);
    first = certificates.loopbackServer("first").keystore();
    renewed = certificates.loopbackServer("renewed").keystore();
  }

  @BeforeEach
  void serve(@TempDir Path dir) throws Exception {
    keystore = Files.copy(first, dir.resolve("served.p12"));
    tls = HttpTls.serverOnly(keystore, TestCertificates.PASSWORD);
    KeyMaterial material = KeyMaterial.read(tls);
    server = vertx.createHttpServer(material.serverOptions()).requestHandler(r -> r.response().end("ok"))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    reload = new KeyMaterialReload(tls, server, material);
  }

  @AfterEach
  void stop() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** The subject of the certificate a new connection is shown. */
  private String servedName() throws Exception {
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore store = KeyMaterial.pkcs12(Files.readAllBytes(certificates.truststore()), TestCertificates.PASSWORD);
    trust.init(store);
    var context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    try (var client = HttpClient.newBuilder().sslContext(context).build()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + server.actualPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("ok");
      return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0])
          .getSubjectX500Principal().getName();
    }
  }

  @Test
  void unchangedFilesChangeNothing() throws Exception {
    assertThat(reload.check()).isFalse();
    assertThat(servedName()).isEqualTo("CN=first");
  }

  @Test
  void aRenewalIsServedToNewConnectionsAndABrokenOneIsNot() throws Exception {
    Files.writeString(keystore, "half-written");
    assertThat(reload.check()).isFalse();
    assertThat(servedName()).isEqualTo("CN=first");

    Files.copy(renewed, keystore, StandardCopyOption.REPLACE_EXISTING);
    assertThat(reload.check()).isTrue();
    assertThat(servedName()).isEqualTo("CN=renewed");
    assertThat(reload.check()).isFalse();
  }
}
