package crosswatch.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's command line: {@code --node-jar <path>}, optionally {@code --rules <file>} (the alert rules a
 * Prometheus server loads; without it the demo runs no Prometheus), and any flags for the node, passed through
 * unchanged.
 *
 * @param nodeFlags flags for the node; those given here replace the demo's defaults of the same name
 */
record DemoArgs(Path nodeJar, Optional<Path> rules, List<String> nodeFlags) {
  static final String USAGE =
      "Demo --node-jar <crosswatch.jar> [--rules <crosswatch-rules.yml>] [node flags, e.g. --http-port 7301]";
  private static final String NODE_JAR = "--node-jar";
  private static final String RULES = "--rules";

  DemoArgs {
    nodeFlags = List.copyOf(nodeFlags);
  }

  /** @throws IllegalArgumentException naming what is wrong */
  static DemoArgs parse(String[] args) {
    Path nodeJar = null;
    Path rules = null;
    List<String> nodeFlags = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals(NODE_JAR) || arg.startsWith(NODE_JAR + "=")) {
        nodeJar = Path.of(value(args, i, NODE_JAR));
        i += arg.equals(NODE_JAR) ? 1 : 0;
      } else if (arg.equals(RULES) || arg.startsWith(RULES + "=")) {
        rules = Path.of(value(args, i, RULES));
        i += arg.equals(RULES) ? 1 : 0;
      } else {
        nodeFlags.add(arg);
      }
    }
    if (nodeJar == null) {
      throw new IllegalArgumentException(NODE_JAR + " is required");
    }
    if (!Files.isRegularFile(nodeJar)) {
      throw new IllegalArgumentException(NODE_JAR + " " + nodeJar + ": no such file (build it: mvn -DskipTests package)");
    }
    if (rules != null && !Files.isRegularFile(rules)) {
      throw new IllegalArgumentException(RULES + " " + rules + ": no such file");
    }
    return new DemoArgs(nodeJar, Optional.ofNullable(rules), nodeFlags);
  }

  /** The value of {@code args[i]}, given as {@code --name value} or {@code --name=value}. */
  private static String value(String[] args, int i, String name) {
    if (args[i].startsWith(name + "=")) {
      return args[i].substring(name.length() + 1);
    }
    if (i + 1 == args.length) {
      throw new IllegalArgumentException(name + " needs a path");
    }
    return args[i + 1];
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
