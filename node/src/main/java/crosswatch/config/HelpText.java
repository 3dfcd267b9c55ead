package crosswatch.config;

import java.util.stream.Collectors;

/** The {@code --help} text, generated from {@link Flags#ALL} so that it lists every flag and its default. */
final class HelpText {
  private static final String USAGE = """
      Usage: java -jar crosswatch.jar --rpc <chainId>=<url> [--rpc <chainId>=<url> ...] [flags]

      Watches the executing messages of OP Stack interop chains, judges each one and serves the results on
      /api/v1/messages, /healthz and /metrics.

      Every flag can also be given as the env variable CROSSWATCH_<FLAG> (dashes as underscores, repeatable flags
      comma-separated) or as a key of the --config YAML file. A flag wins over env, env over the file.

      Flags:
      """;
  private static final String EXIT_CODES = """

      Exit status: 0 after --help; 1 when the node fails to start (e.g. the HTTP port is taken); 2 on bad
      configuration, including an RPC whose eth_chainId differs from its configured chain id. SIGTERM stops the
      node cleanly (the JVM then exits with 143).
      """;

  private HelpText() {}

  static String render() {
    return USAGE + Flags.ALL.stream().map(HelpText::entry).collect(Collectors.joining()) + EXIT_CODES;
  }

  private static String entry(Flag<?> flag) {
    var text = new StringBuilder("  ").append(flag.option());
    if (!flag.metavar().isEmpty()) {
      text.append(' ').append(flag.metavar());
    }
    text.append("\n      ").append(flag.help()).append('\n');
    if (flag.arity() == Flag.Arity.SWITCH) {
      return text.toString();
    }
    text.append("      default: ").append(flag.defaultLabel())
        .append(flag.arity() == Flag.Arity.REPEATABLE ? "; repeatable" : "")
        .append("; env ").append(flag.envName());
    return text.append('\n').toString();
  }
}
