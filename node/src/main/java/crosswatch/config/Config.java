package crosswatch.config;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.protocol.DependencySet;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node's validated configuration.
 *
 * @param chains every watched chain, with distinct chain ids
 * @param startBlocks where each chain's scan begins when it has no checkpoint: one entry per chain
 * @param httpPort 0 lets the system pick a free port
 * @param cluster how this node joins its replicas
 */
public record Config(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                     String httpHost, int httpPort, Path dataDir, String nodeName, LogFormat logFormat,
                     ClusterConfig cluster) {

  public Config {
    chains = List.copyOf(chains);
    startBlocks = Map.copyOf(startBlocks);
    Objects.requireNonNull(dependencies, "dependencies");
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(cluster, "cluster");
    if (chains.isEmpty()) {
      throw new IllegalArgumentException("at least one chain is required");
    }
    var ids = new HashSet<Long>();
    for (ChainEndpoint chain : chains) {
      if (!ids.add(chain.chainId())) {
        throw new IllegalArgumentException("duplicate chain id " + chain.chainId());
      }
    }
    if (!startBlocks.keySet().equals(ids)) {
      throw new IllegalArgumentException("start blocks must name exactly the configured chains: "
          + startBlocks.keySet());
    }
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException("http port out of range: " + httpPort);
    }
  }
}
