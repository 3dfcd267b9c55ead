package crosswatch.cluster.partition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The bundled tcp stack without failure detection (FD_SOCK2, FD_ALL3, VERIFY_SUSPECT2) and MERGE3, and with a
 * DISCARD above the transport: nothing changes a view unless the test installs it, so a split and its healing
 * happen exactly when the test says.
 */
final class QuietStack {
  private static final Pattern DETECTORS =
      Pattern.compile("\\s*<(MERGE3|FD_SOCK2|FD_ALL3|VERIFY_SUSPECT2)\\b[^>]*/>");

  private QuietStack() {}

  /** Writes the stack to {@code dir} and returns its path, for {@code ClusterOptions.withStack}. */
  static Path writeTo(Path dir) throws IOException {
    String tcp;
    try (InputStream in = QuietStack.class.getClassLoader().getResourceAsStream("crosswatch/cluster/jgroups/tcp.xml")) {
      tcp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String quiet = DETECTORS.matcher(tcp).replaceAll("").replace("<RED/>", "<DISCARD/>\n   <RED/>");
    if (quiet.equals(tcp) || quiet.contains("<MERGE3") || !quiet.contains("<DISCARD/>")) {
      throw new IllegalStateException("the bundled tcp stack changed shape; update QuietStack");
    }
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("quiet-tcp.xml"), quiet);
  }
}
