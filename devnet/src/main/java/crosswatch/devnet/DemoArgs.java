package crosswatch.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's command line: {@code --node-jar <path>} and any flags for the node, passed through unchanged.
 *
 * @param nodeFlags flags for the node; those given here replace the demo's defaults of the same name
 */
record DemoArgs(Path nodeJar, List<String> nodeFlags) {
  static final String USAGE = "usage: Demo --node-jar <crosswatch.jar> [node flags, e.g. --http-port 7301]";

  DemoArgs {
    nodeFlags = List.copyOf(nodeFlags);
  }

  /** @throws IllegalArgumentException naming what is wrong */
  static DemoArgs parse(String[] args) {
    Path nodeJar = null;
    List<String> nodeFlags = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--node-jar")) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("--node-jar needs a path");
        }
        nodeJar = Path.of(args[++i]);
      } else if (args[i].startsWith("--node-jar=")) {
        nodeJar = Path.of(args[i].substring("--node-jar=".length()));
      } else {
        nodeFlags.add(args[i]);
      }
    }
    if (nodeJar == null) {
      throw new IllegalArgumentException("--node-jar is required");
    }
    if (!Files.isRegularFile(nodeJar)) {
      throw new IllegalArgumentException(
          "--node-jar " + nodeJar + ": no such file (build it: mvn -DskipTests package)");
    }
    return new DemoArgs(nodeJar, nodeFlags);
  }

  boolean hasNodeFlag(String name) {
    return nodeFlags.stream().anyMatch(arg -> arg.equals(name) || arg.startsWith(name + "="));
  }

  /** The value of a node flag given as {@code --name value} or {@code --name=value}. */
  Optional<String> nodeFlag(String name) {
    for (int i = 0; i < nodeFlags.size(); i++) {
      String arg = nodeFlags.get(i);
      if (arg.startsWith(name + "=")) {
        return Optional.of(arg.substring(name.length() + 1));
      }
      if (arg.equals(name) && i + 1 < nodeFlags.size()) {
        return Optional.of(nodeFlags.get(i + 1));
      }
    }
    return Optional.empty();
  }
}
