package crosswatch.devnet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What one demo run starts (chains, node, traffic, Prometheus) and stops again in reverse order, once. */
final class DemoSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoSession.class);
  private static final long[] CHAIN_IDS = {901, 902, 903};
  private static final String DEFAULT_HTTP_PORT = "7300";
  /** The node's failure detection listens on its cluster port plus this. */
  private static final int FAILURE_DETECTION_OFFSET = 50_000;

  private final DemoArgs args;
  private final AtomicBoolean closing = new AtomicBoolean();
  private Devnet devnet;
  private ChildProcess node;
  private Traffic traffic;
  private Prometheus prometheus;
  private Path ownDataDir;

  DemoSession(DemoArgs args) {
    this.args = args;
  }

  /** Starts chains, node, traffic and Prometheus, then logs what to open; {@link #close} stops what started. */
  synchronized void start() {
    devnet = Devnet.start(Traffic.chainSpecs(CHAIN_IDS));
    node = ChildProcess.start("crosswatch-node", new ProcessBuilder(nodeCommand()).inheritIO());
    log.info("node started pid={} jar={}", node.pid(), args.nodeJar());
    traffic = Traffic.start(devnet.chains(), TrafficSettings.DEMO);
    prometheus = startPrometheus().orElse(null);
    String api = "http://127.0.0.1:" + httpPort();
    log.info("demo running statusPage={}/ invalidMessages={}/api/v1/messages?status=invalid metrics={}/metrics "
        + "prometheus={} stop=Ctrl-C", api, api, api,
        Optional.ofNullable(prometheus).map(Prometheus::url).orElse("none"));
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
    Optional.ofNullable(prometheus).ifPresent(Prometheus::stop);
    Optional.ofNullable(traffic).ifPresent(Traffic::stop);
    Optional.ofNullable(node).ifPresent(ChildProcess::stop);
    Optional.ofNullable(devnet).ifPresent(Devnet::close);
    Optional.ofNullable(ownDataDir).ifPresent(TempDirs::delete);
  }

  private Optional<Prometheus> startPrometheus() {
    if (args.rules().isEmpty()) {
      log.info("running without prometheus reason=\"no --rules file given\"");
      return Optional.empty();
    }
    if (Prometheus.binary().isEmpty()) {
      log.warn("running without prometheus reason=\"not installed\" install=\"{}\"", Prometheus.INSTALL);
      return Optional.empty();
    }
    return Optional.of(Prometheus.start(new PrometheusSettings(List.of("127.0.0.1:" + httpPort()),
        args.rules().get(), PrometheusSettings.DEMO_INTERVAL)));
  }

  private String httpPort() {
    return args.nodeFlag("--http-port").orElse(DEFAULT_HTTP_PORT);
  }

  private List<String> nodeCommand() {
    List<String> flags = new ArrayList<>();
    for (DevnetChain chain : devnet.chains()) {
      flags.addAll(List.of("--rpc", chain.chainId() + "=" + chain.rpcUrl()));
    }
    if (!args.hasNodeFlag("--start-block")) {
      devnet.chains().forEach(chain -> flags.addAll(List.of("--start-block", chain.chainId() + "=0")));
    }
    if (!args.hasNodeFlag("--http-port")) {
      flags.addAll(List.of("--http-port", DEFAULT_HTTP_PORT));
    }
    // A one-member cluster: its port matters to nobody, and the default 7800 may be taken by another cluster.
    if (!args.hasNodeFlag("--bind-port")) {
      flags.addAll(List.of("--bind-port", Integer.toString(FreePort.pickWithCompanion(FAILURE_DETECTION_OFFSET))));
    }
    if (!args.hasNodeFlag("--data-dir")) {
      ownDataDir = TempDirs.create("crosswatch-demo-");
      flags.addAll(List.of("--data-dir", ownDataDir.toString()));
    }
    flags.addAll(args.nodeFlags());
    return NodeLaunch.javaJar(args.nodeJar(), flags);
  }
}
