package crosswatch.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stands in for a node that exits at once, as today's node stub does. It leaves its arguments in
 * {@code <data-dir>/args.txt} so that a test can see what the demo passed, and prints nothing: it inherits the
 * test JVM's stdout, which surefire reserves for itself.
 */
public final class ExitingNode {
  private ExitingNode() {}

  public static void main(String[] args) throws IOException {
    List<String> flags = List.of(args);
    int dataDir = flags.indexOf("--data-dir");
    if (dataDir >= 0) {
      Files.write(Path.of(flags.get(dataDir + 1), "args.txt"), flags);
    }
  }
}
