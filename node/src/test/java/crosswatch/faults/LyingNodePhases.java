package crosswatch.faults;

import crosswatch.devnet.Inbox;
import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.HeaderLie;
import crosswatch.devnet.proxy.Match;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node that lies while its headers look fine: logs hidden (by range, by hash, only the initiating ones, only in
 * some blocks), another block's header, a node that lags. With blocks final four seconds after they are made, a
 * verdict reached from a lie is frozen at once unless the node checks what it was told.
 */
@Tag("integration")
abstract class LyingNodePhases extends FaultPhases {

  @Test
  @Order(1)
  void logsHiddenFromRangeQueries() {
    assertRight(run("logs hidden by range", Fault.hideLogs(Match.logsByRange())));
  }

  @Test
  @Order(2)
  void logsHiddenFromBlockHashQueries() {
    assertRight(run("logs hidden by hash", Fault.hideLogs(Match.logsByHash())));
  }

  /** Only the initiating logs go missing: what the judge reads, while the executing messages are still found. */
  @Test
  @Order(3)
  void onlyTheInitiatingLogsHidden() {
    assertRight(run("initiating logs hidden", Fault.hideLogs().ofAddress(net.devnet.chain(ProxiedNode.FAULTY)
        .emitterAddress())));
  }

  /** Only the executing messages of a few blocks to come go missing, by range and by hash. */
  @Test
  @Order(4)
  void executingMessagesHiddenInAWindowOfBlocks() {
    long head = net.devnet.chain(ProxiedNode.FAULTY).head();
    assertRight(run("inbox logs hidden in 6 blocks", Fault.hideLogs().ofAddress(Inbox.ADDRESS)
        .withTopic0(Inbox.EXECUTING_MESSAGE_TOPIC).inBlocks(head + 2, head + 7)));
  }

  @Test
  @Order(5)
  void theHeaderOfThePreviousBlock() {
    assertRight(run("previous block's header", Fault.wrongHeader(HeaderLie.PREVIOUS_BLOCK)));
  }

  @Test
  @Order(6)
  void aHeaderUnderAFabricatedHash() {
    assertRight(run("fabricated block hash", Fault.wrongHeader(HeaderLie.FABRICATED_HASH)));
  }

  @Test
  @Order(7)
  void aNodeFiveBlocksBehind() {
    assertRight(run("lagging 5 blocks", Fault.lag(5)));
  }
}
