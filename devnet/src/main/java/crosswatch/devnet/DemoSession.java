package crosswatch.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What one demo run starts (chains, node, traffic) and stops again in reverse order, once. */
final class DemoSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoSession.class);
  private static final long[] CHAIN_IDS = {901, 902, 903};
  private static final String DEFAULT_HTTP_PORT = "7300";

  private final DemoArgs args;
  private final AtomicBoolean closing = new AtomicBoolean();
  private Devnet devnet;
  private ChildProcess node;
  private Traffic traffic;
  private Path ownDataDir;

  DemoSession(DemoArgs args) {
    this.args = args;
  }

  /** Starts chains, node and traffic, then prints what to open; whatever started is stopped by {@link #close}. */
  synchronized void start(PrintStream out) {
    devnet = Devnet.start(Traffic.chainSpecs(CHAIN_IDS));
    node = ChildProcess.start("crosswatch-node", new ProcessBuilder(nodeCommand()).inheritIO());
    log.info("node started pid={} jar={}", node.pid(), args.nodeJar());
    traffic = Traffic.start(devnet.chains(), TrafficSettings.DEMO);
    printUrls(out);
  }

  /** Blocks until the node process ends; its exit code. */
  int awaitNodeExit() throws InterruptedException {
    return node.process().waitFor();
  }

  boolean isClosing() {
    return closing.get();
  }

  @Override
  public synchronized void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    Optional.ofNullable(traffic).ifPresent(Traffic::stop);
    Optional.ofNullable(node).ifPresent(ChildProcess::stop);
    Optional.ofNullable(devnet).ifPresent(Devnet::close);
    Optional.ofNullable(ownDataDir).ifPresent(DemoSession::deleteTree);
  }

  private List<String> nodeCommand() {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", args.nodeJar().toString()));
    for (DevnetChain chain : devnet.chains()) {
      command.addAll(List.of("--rpc", chain.chainId() + "=" + chain.rpcUrl()));
    }
    if (!args.hasNodeFlag("--start-block")) {
      devnet.chains().forEach(chain -> command.addAll(List.of("--start-block", chain.chainId() + "=0")));
    }
    if (!args.hasNodeFlag("--http-port")) {
      command.addAll(List.of("--http-port", DEFAULT_HTTP_PORT));
    }
    if (!args.hasNodeFlag("--data-dir")) {
      ownDataDir = createDataDir();
      command.addAll(List.of("--data-dir", ownDataDir.toString()));
    }
    command.addAll(args.nodeFlags());
    return command;
  }

  private void printUrls(PrintStream out) {
    String api = "http://127.0.0.1:" + args.nodeFlag("--http-port").orElse(DEFAULT_HTTP_PORT);
    out.println();
    out.println("crosswatch demo is running; Ctrl-C stops everything.");
    out.println("  messages   " + api + "/api/v1/messages");
    out.println("  invalid    " + api + "/api/v1/messages?status=invalid");
    out.println("  metrics    " + api + "/metrics");
    out.println("  health     " + api + "/healthz");
    for (DevnetChain chain : devnet.chains()) {
      out.println("  chain " + chain.chainId() + "  " + chain.rpcUrl() + "  " + chain.wsUrl());
    }
    out.println();
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("crosswatch-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("could not delete the demo's data directory dataDir={} error={}", root, e.toString());
    }
  }
}
