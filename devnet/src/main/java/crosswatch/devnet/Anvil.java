package crosswatch.devnet;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * One anvil process serving one chain on a free 127.0.0.1 port, its output in a log file under
 * {@code devnet/target/anvil-logs}. {@link #stop()} is idempotent; a shutdown hook stops it if nobody does.
 */
public final class Anvil implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Anvil.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final ChainSpec spec;
  private final int port;
  private final Path logFile;
  private final ChildProcess process;

  private Anvil(ChainSpec spec, int port, Path logFile, ChildProcess process) {
    this.spec = spec;
    this.port = port;
    this.logFile = logFile;
    this.process = process;
  }

  /** Starts anvil and returns once it answers {@code eth_chainId} with the spec's chain id. */
  public static Anvil start(ChainSpec spec) {
    return FreePort.startOnAFreePort("anvil chainId=" + spec.chainId(), port -> {
      Anvil anvil = launch(spec, port);
      try {
        anvil.awaitReady();
      } catch (RuntimeException e) {
        anvil.stop();
        throw e;
      }
      log.info("anvil started chainId={} rpc={} pid={} log={}", spec.chainId(), anvil.rpcUrl(), anvil.pid(),
          anvil.logFile);
      return anvil;
    });
  }

  private static Anvil launch(ChainSpec spec, int port) {
    Path logFile = DevnetDir.logDir("anvil-logs").resolve("anvil-" + spec.chainId() + "-" + port + ".log");
    List<String> command = new ArrayList<>();
    command.add(DevnetDir.anvilBinary().toString());
    command.addAll(spec.anvilArgs(port));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile());
    return new Anvil(spec, port, logFile, ChildProcess.start("anvil-" + spec.chainId(), builder));
  }

  private void awaitReady() {
    Web3j probe = Web3j.build(new HttpService(rpcUrl()));
    try {
      BigInteger answered = Poll.until("anvil chainId=" + spec.chainId() + " on port " + port, READY_TIMEOUT,
          () -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("anvil exited with code " + process.process().exitValue()
                  + " before answering, see " + logFile);
            }
            try {
              return Optional.of(probe.ethChainId().send().getChainId());
            } catch (IOException notListeningYet) {
              return Optional.empty();
            }
          });
      if (!answered.equals(BigInteger.valueOf(spec.chainId()))) {
        throw new IllegalStateException("port " + port + " answers chain id " + answered + ", not " + spec.chainId());
      }
    } finally {
      probe.shutdown();
    }
  }

  public long chainId() {
    return spec.chainId();
  }

  public ChainSpec spec() {
    return spec;
  }

  public int port() {
    return port;
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String wsUrl() {
    return "ws://127.0.0.1:" + port;
  }

  public Path logFile() {
    return logFile;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Ends the process (SIGTERM, then SIGKILL after a grace period); calling it again does nothing. */
  public void stop() {
    process.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
