package crosswatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.api.HttpTls;
import crosswatch.cluster.TestCertificates;
import crosswatch.cluster.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --http-tls-*} flags: the stores are opened while the configuration loads, so a bad file or password
 * exits 2 naming the flag; passwords come only from env (or the config file) and no message ever shows one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class HttpTlsFlagsTest {
  private static final String RPC = "901=http://127.0.0.1:8545";
  private static final String WRONG = "not-the-password-4711";

  private TestCertificates certificates;
  private TlsOptions server;
  private Map<String, String> passwords;

  @BeforeAll
  void certificates(@TempDir Path dir) throws Exception {
    certificates = new TestCertificates(dir.resolve("pki"));
    server = certificates.loopbackServer("node");
    passwords = Map.of("CROSSWATCH_HTTP_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD,
        "CROSSWATCH_HTTP_TLS_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD);
  }

  private String keystore() {
    return server.keystore().toString();
  }

  private String truststore() {
    return certificates.truststore().toString();
  }

  @Nested
  class Accepted {
    @Test
    void withoutTheFlagsTheNodeServesPlainHttp() {
      assertThat(Loading.config("--rpc", RPC).httpTls()).isEmpty();
    }

    @Test
    void aKeystoreWithItsPasswordFromEnvServesHttpsWithoutClientCertificates() {
      HttpTls tls = Loading.config(passwords, "--rpc", RPC, "--http-tls-keystore", keystore()).httpTls()
          .orElseThrow();

      assertThat(tls.keystore()).isEqualTo(server.keystore());
      assertThat(tls.clientAuth()).isEqualTo(HttpTls.ClientAuth.NONE);
      assertThat(tls.truststore()).isEmpty();
      assertThat(tls.toString()).doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void requiredAndOptionalClientAuthenticationTakeTheTruststore() {
      for (HttpTls.ClientAuth mode : new HttpTls.ClientAuth[] {HttpTls.ClientAuth.REQUIRED,
          HttpTls.ClientAuth.OPTIONAL}) {
        HttpTls tls = Loading.config(passwords, "--rpc", RPC, "--http-tls-keystore", keystore(),
            "--http-tls-client-auth", mode.wireName(), "--http-tls-truststore", truststore()).httpTls().orElseThrow();

        assertThat(tls.clientAuth()).isEqualTo(mode);
        assertThat(tls.truststore()).contains(certificates.truststore());
        assertThat(tls.toString()).doesNotContain(TestCertificates.PASSWORD);
      }
    }

    @Test
    void thePasswordMayComeFromTheConfigFile(@TempDir Path dir) throws Exception {
      Path file = Files.writeString(dir.resolve("crosswatch.yaml"),
          "http-tls-keystore-password: \"" + TestCertificates.PASSWORD + "\"\n");

      assertThat(Loading.config("--rpc", RPC, "--http-tls-keystore", keystore(), "--config", file.toString())
          .httpTls()).isPresent();
    }
  }

  @Nested
  class Refused {
    @Test
    void aPasswordOnTheCommandLineIsRefusedWithoutBeingShown() {
      ConfigError e = Loading.error("--rpc", RPC, "--http-tls-keystore", keystore(), "--http-tls-keystore-password",
          TestCertificates.PASSWORD);

      assertThat(e.line()).isEqualTo("crosswatch: --http-tls-keystore-password: not accepted on the command line, "
          + "where ps shows it: set CROSSWATCH_HTTP_TLS_KEYSTORE_PASSWORD");
    }

    @Test
    void aKeystoreWithoutPasswordNamesTheVariableToSet() {
      assertThat(Loading.error("--rpc", RPC, "--http-tls-keystore", keystore()).line())
          .isEqualTo("crosswatch: --http-tls-keystore-password: required with --http-tls-keystore: set "
              + "CROSSWATCH_HTTP_TLS_KEYSTORE_PASSWORD");
    }

    @Test
    void aWrongPasswordNamesTheKeystoreButNotThePassword() {
      ConfigError e = Loading.error(Map.of("CROSSWATCH_HTTP_TLS_KEYSTORE_PASSWORD", WRONG), "--rpc", RPC,
          "--http-tls-keystore", keystore());

      assertThat(e.flag()).isEqualTo("http-tls-keystore");
      assertThat(e.line()).contains(keystore()).contains("wrong password").doesNotContain(WRONG);
    }

    @Test
    void aMissingKeystoreFileIsNamed(@TempDir Path dir) {
      String missing = dir.resolve("missing.p12").toString();

      assertThat(Loading.error(passwords, "--rpc", RPC, "--http-tls-keystore", missing).line())
          .isEqualTo("crosswatch: --http-tls-keystore: no such file \"" + missing + "\"");
    }

    @Test
    void aFileThatIsNoKeystoreIsRefused(@TempDir Path dir) throws Exception {
      Path pem = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n");

      assertThat(Loading.error(passwords, "--rpc", RPC, "--http-tls-keystore", pem.toString()).line())
          .startsWith("crosswatch: --http-tls-keystore: cannot read \"" + pem + "\" as PKCS#12");
    }

    @Test
    void aKeystoreWithoutAPrivateKeyIsRefused() {
      assertThat(Loading.error(passwords, "--rpc", RPC, "--http-tls-keystore", truststore()).line())
          .isEqualTo("crosswatch: --http-tls-keystore: \"" + truststore() + "\" holds no private key");
    }

    @Test
    void anUnknownClientAuthModeIsRefused() {
      assertThat(Loading.error(passwords, "--rpc", RPC, "--http-tls-keystore", keystore(), "--http-tls-client-auth",
          "yes").line()).isEqualTo("crosswatch: --http-tls-client-auth: expected required, optional or none, got "
          + "\"yes\"");
    }

    @Test
    void clientAuthenticationWithoutATruststoreIsRefused() {
      assertThat(Loading.error(passwords, "--rpc", RPC, "--http-tls-keystore", keystore(), "--http-tls-client-auth",
          "required").line())
          .isEqualTo("crosswatch: --http-tls-truststore: required by --http-tls-client-auth required");
    }

    @Test
    void aTruststoreWithoutClientAuthenticationIsRefusedRatherThanIgnored() {
      assertThat(Loading.error(passwords, "--rpc", RPC, "--http-tls-keystore", keystore(), "--http-tls-truststore",
          truststore()).line())
          .isEqualTo("crosswatch: --http-tls-truststore: only used with --http-tls-client-auth required or optional");
    }

    @Test
    void aTruststoreWithoutCaCertificatesIsRefused() throws Exception {
      String keyOnly = certificates.stranger("key-only").keystore().toString();

      assertThat(Loading.error(passwords, "--rpc", RPC, "--http-tls-keystore", keystore(), "--http-tls-client-auth",
          "optional", "--http-tls-truststore", keyOnly).line())
          .isEqualTo("crosswatch: --http-tls-truststore: \"" + keyOnly + "\" holds no CA certificate");
    }

    @Test
    void httpsFlagsWithoutAKeystoreAreRefusedRatherThanLeavingPlainHttp() {
      assertThat(Loading.error(Map.of("CROSSWATCH_HTTP_TLS_CLIENT_AUTH", "required"), "--rpc", RPC).line())
          .isEqualTo("crosswatch: --http-tls-client-auth: needs --http-tls-keystore (from "
              + "CROSSWATCH_HTTP_TLS_CLIENT_AUTH)");
      assertThat(Loading.error(passwords, "--rpc", RPC).line())
          .isEqualTo("crosswatch: --http-tls-keystore-password: needs --http-tls-keystore (from "
              + "CROSSWATCH_HTTP_TLS_KEYSTORE_PASSWORD)");
    }

    @Test
    void theTruststorePasswordAloneIsHarmless() {
      assertThat(Loading.config(Map.of("CROSSWATCH_HTTP_TLS_TRUSTSTORE_PASSWORD", "x"), "--rpc", RPC).httpTls())
          .isEqualTo(Optional.empty());
    }
  }
}
