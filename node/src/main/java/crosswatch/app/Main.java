package crosswatch.app;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.ChainIdCheck;
import crosswatch.config.Config;
import crosswatch.config.ConfigLoader;
import crosswatch.config.ConfigResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Entry point of {@code java -jar crosswatch.jar}. Exit status: 0 after {@code --help}; 1 when the node fails to
 * start; 2 on bad configuration, printed as one line on stderr before anything has started.
 */
public final class Main {
  static final int OK = 0;
  static final int START_FAILED = 1;
  static final int BAD_CONFIG = 2;
  private static final Duration CHAIN_ID_TIMEOUT = Duration.ofSeconds(5);

  private Main() {}

  /** How {@code eth_chainId} is asked; a seam so tests can answer without chains. */
  @FunctionalInterface
  interface ChainIds {
    List<ChainIdCheck.Mismatch> check(List<ChainEndpoint> endpoints, Duration timeout, MeterRegistry registry);
  }

  /** What launching gave: an exit status, or a node that runs until the process is told to stop. */
  sealed interface Launch {
    record Exit(int status) implements Launch {}

    record Running(Node node) implements Launch {}
  }

  public static void main(String[] args) {
    switch (launch(List.of(args), System.getenv(), System.out, System.err, ChainIdCheck::check)) {
      case Launch.Exit exit -> System.exit(exit.status());
      // The HTTP server's event-loop threads are not daemons: the JVM runs until SIGTERM runs this hook.
      case Launch.Running running ->
          Runtime.getRuntime().addShutdownHook(new Thread(running.node()::close, "crosswatch-shutdown"));
    }
  }

  static Launch launch(List<String> args, Map<String, String> env, PrintStream out, PrintStream err,
                       ChainIds chainIds) {
    return switch (ConfigLoader.load(args, env)) {
      case ConfigResult.HelpRequested help -> {
        out.print(help.text());
        yield new Launch.Exit(OK);
      }
      case ConfigResult.Refused refused -> {
        err.println(refused.error().line());
        yield new Launch.Exit(BAD_CONFIG);
      }
      case ConfigResult.Loaded loaded -> start(loaded.config(), err, chainIds);
    };
  }

  private static Launch start(Config config, PrintStream err, ChainIds chainIds) {
    Logging.use(config.logFormat());
    var node = new Node(config);
    List<ChainIdCheck.Mismatch> mismatches = chainIds.check(config.chains(), CHAIN_ID_TIMEOUT, node.registry());
    if (!mismatches.isEmpty()) {
      err.println("crosswatch: --rpc: " + mismatches.stream()
          .map(m -> m.endpoint().display() + " answered eth_chainId " + m.actualChainId()
              + " but is configured as chain " + m.endpoint().chainId())
          .collect(Collectors.joining("; ")));
      return new Launch.Exit(BAD_CONFIG);
    }
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      err.println("crosswatch: --data-dir: cannot create \"" + config.dataDir() + "\" (" + e.getClass().getSimpleName()
          + ")");
      return new Launch.Exit(BAD_CONFIG);
    }
    try {
      node.start();
    } catch (Exception e) {
      err.println("crosswatch: failed to start: " + describe(e));
      return new Launch.Exit(START_FAILED);
    }
    return new Launch.Running(node);
  }

  /** The exception's type and message, unless the message holds a URL (which could carry credentials). */
  private static String describe(Exception e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null || message.contains("://") ? type : type + ": " + message.lines().findFirst().orElse("");
  }
}
