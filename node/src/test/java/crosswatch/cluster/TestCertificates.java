package crosswatch.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Key material for TLS tests, made with the JDK's keytool: a CA, nodes it signed, and strangers it did not. */
public final class TestCertificates {
  public static final String PASSWORD = "changeit-test";

  private final Path dir;
  private final Path keytool;

  public TestCertificates(Path dir) throws IOException, InterruptedException {
    this.dir = Files.createDirectories(dir);
    this.keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
    keytool("-genkeypair", "-alias", "ca", "-dname", "CN=crosswatch-test-ca", "-ext", "bc:c",
        "-keystore", path("ca.p12"), "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", path("ca.p12"), "-file", path("ca.pem"));
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", path("ca.pem"), "-keystore", path("trust.p12"));
  }

  /** Trusts the CA only. */
  public Path truststore() {
    return dir.resolve("trust.p12");
  }

  /** A node key whose certificate the CA signed. */
  public TlsOptions signed(String name) throws IOException, InterruptedException {
    return signed(name, List.of());
  }

  /** A server key whose certificate the CA signed for loopback (localhost, 127.0.0.1), as HTTPS clients check. */
  public TlsOptions loopbackServer(String name) throws IOException, InterruptedException {
    return signed(name, List.of("-ext", "san=dns:localhost,ip:127.0.0.1"));
  }

  private TlsOptions signed(String name, List<String> extensions) throws IOException, InterruptedException {
    String store = path(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keystore", store, "-keyalg", "EC",
        "-groupname", "secp256r1", "-validity", "2");
    keytool("-certreq", "-alias", name, "-keystore", store, "-file", path(name + ".csr"));
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", path("ca.p12"),
        "-infile", path(name + ".csr"), "-outfile", path(name + ".pem")));
    gencert.addAll(extensions);
    keytool(gencert.toArray(String[]::new));
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", path("ca.pem"), "-keystore", store);
    keytool("-importcert", "-alias", name, "-file", path(name + ".pem"), "-keystore", store);
    return new TlsOptions(Path.of(store), PASSWORD, truststore(), PASSWORD);
  }

  /** A node key with a self-signed certificate: valid TLS, but not from the cluster's CA. */
  public TlsOptions stranger(String name) throws IOException, InterruptedException {
    String store = path(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keystore", store, "-keyalg", "EC",
        "-groupname", "secp256r1", "-validity", "2");
    return new TlsOptions(Path.of(store), PASSWORD, truststore(), PASSWORD);
  }

  private String path(String file) {
    return dir.resolve(file).toString();
  }

  private void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + output);
    }
  }
}
