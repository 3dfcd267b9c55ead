package crosswatch.config;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.protocol.DependencySet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node's validated configuration.
 *
 * @param chains every watched chain's endpoints; a chain with several lists them in order of preference
 * @param startBlocks where each chain's scan begins when it has no checkpoint: one entry per chain
 * @param httpPort 0 lets the system pick a free port
 * @param retention how long a final message stays queryable
 * @param sweepInterval how often messages not yet final are looked at again
 * @param readyLagBlocks how far a chain's checkpoint may trail its head while {@code /readyz} answers ready
 * @param cluster how this node joins its replicas
 */
public record Config(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                     String httpHost, int httpPort, Path dataDir, String nodeName, LogFormat logFormat,
                     Duration retention, Duration sweepInterval, long readyLagBlocks, ClusterConfig cluster) {

  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(60);
  public static final long DEFAULT_READY_LAG_BLOCKS = 64;

  /** A one-member configuration with the default retention, sweep interval and readiness lag. */
  public Config(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                String httpHost, int httpPort, Path dataDir, String nodeName, LogFormat logFormat) {
    this(chains, startBlocks, dependencies, httpHost, httpPort, dataDir, nodeName, logFormat, DEFAULT_RETENTION,
        DEFAULT_SWEEP_INTERVAL, DEFAULT_READY_LAG_BLOCKS, ClusterConfig.ALONE);
  }

  public Config {
    chains = List.copyOf(chains);
    startBlocks = Map.copyOf(startBlocks);
    Objects.requireNonNull(dependencies, "dependencies");
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(cluster, "cluster");
    if (chains.isEmpty()) {
      throw new IllegalArgumentException("at least one chain is required");
    }
    var ids = new HashSet<Long>();
    for (ChainEndpoint chain : chains) {
      ids.add(chain.chainId());
    }
    if (new HashSet<>(chains).size() != chains.size()) {
      throw new IllegalArgumentException("an endpoint is given twice: " + chains);
    }
    if (!startBlocks.keySet().equals(ids)) {
      throw new IllegalArgumentException("start blocks must name exactly the configured chains: "
          + startBlocks.keySet());
    }
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException("http port out of range: " + httpPort);
    }
    if (readyLagBlocks < 0) {
      throw new IllegalArgumentException("ready lag must not be negative: " + readyLagBlocks);
    }
  }
}
