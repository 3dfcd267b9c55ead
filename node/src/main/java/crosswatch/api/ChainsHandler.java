package crosswatch.api;

import crosswatch.store.ChainStatus;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/chains} (how each chain is followed) and {@code /readyz} (whether all of them are in step). */
final class ChainsHandler {
  private final NodeView node;

  ChainsHandler(NodeView node) {
    this.node = node;
  }

  void list(RoutingContext ctx) {
    Params.noQuery(ctx);
    JsonBody.send(ctx, 200, new ChainJson.ListJson(node.chains().stream().map(ChainJson::of).toList()));
  }

  /** 200 only when this node is in the cluster and every chain answers and is within the allowed lag. */
  void ready(RoutingContext ctx) {
    List<String> problems = problems();
    if (problems.isEmpty()) {
      JsonBody.send(ctx, 200, Map.of("status", "ready"));
    } else {
      JsonBody.send(ctx, 503, new NotReadyJson("not ready", problems));
    }
  }

  /** The body of a 503 from {@code /readyz}: every reason, so an operator sees all of them at once. */
  record NotReadyJson(String status, List<String> problems) {}

  private List<String> problems() {
    var problems = new ArrayList<String>();
    if (!node.inCluster()) {
      problems.add("not in the cluster");
    }
    for (ChainStatus chain : node.chains()) {
      if (!chain.connected()) {
        problems.add("chain " + chain.chainId() + " not connected");
      } else if (chain.lagBlocks().isEmpty()) {
        problems.add("chain " + chain.chainId() + " has no head or checkpoint yet");
      } else if (chain.lagBlocks().getAsLong() > node.readyLagBlocks()) {
        problems.add("chain " + chain.chainId() + " is " + chain.lagBlocks().getAsLong() + " blocks behind its head"
            + " (allowed " + node.readyLagBlocks() + ")");
      }
    }
    return problems;
  }
}
