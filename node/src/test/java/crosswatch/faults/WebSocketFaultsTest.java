package crosswatch.faults;

import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.Garbage;
import crosswatch.devnet.proxy.Match;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The faulty chain over ws: dropped sockets, garbled frames, a silent node, and a reconnect to another chain. */
class WebSocketFaultsTest extends FaultPhases {

  @Override
  protected boolean overWebSocket() {
    return true;
  }

  @Override
  protected boolean withWrongChain() {
    return true;
  }

  @Test
  @Order(1)
  void theSocketClosedOnEveryRequest() {
    assertRight(run("ws close", Fault.closeWebSocket()));
  }

  @Test
  @Order(2)
  void theConnectionResetOnEveryRequest() {
    assertRight(run("connection reset", Fault.reset()));
  }

  @Test
  @Order(3)
  void aRateLimitOfJsonRpcErrors32005() {
    assertRight(run("-32005", Fault.rpcRateLimit(Duration.ofSeconds(3))));
  }

  /** Longer than the node's request timeout (10 s), which must show the chain disconnected by then. */
  @Test
  @Order(4)
  void aNodeThatTakesRequestsAndNeverAnswers() {
    PhaseOutcome outcome = run("hang", Fault.hang(), AFFECTED * 3 / 2);
    assertRight(outcome, shownConnected(outcome));
  }

  @Test
  @Order(5)
  void truncatedFrames() {
    assertRight(run("truncated JSON", Fault.garble(Garbage.TRUNCATED_JSON), AFFECTED_BRIEFLY));
  }

  @Test
  @Order(6)
  void htmlFrames() {
    assertRight(run("HTML page", Fault.garble(Garbage.HTML), AFFECTED_BRIEFLY));
  }

  @Test
  @Order(7)
  void answersUnderAnotherId() {
    assertRight(run("wrong id", Fault.garble(Garbage.WRONG_ID), AFFECTED_BRIEFLY));
  }

  @Test
  @Order(8)
  void answersWithMistypedFields() {
    assertRight(run("wrong types", Fault.garble(Garbage.WRONG_TYPES), AFFECTED_BRIEFLY));
  }

  @Test
  @Order(9)
  void batchAnswersInReverseOrderAreLegal() {
    assertRight(run("reversed batch", Fault.garble(Garbage.REVERSED_BATCH), AFFECTED_BRIEFLY));
  }

  @Test
  @Order(10)
  void everyAnswerTwice() {
    assertRight(run("duplicate answer", Fault.garble(Garbage.DUPLICATE_ANSWER), AFFECTED_BRIEFLY));
  }

  /**
   * One answer in four comes back cut off: that request fails (or the socket is opened again) at once and is asked
   * again, so the chain's messages are judged about as fast as ever, not after a request timeout each time.
   */
  @Test
  @Order(11)
  void aGarbledFrameFailsOnlyItsOwnRequest() {
    PhaseOutcome outcome = run("every 4th answer truncated", new Fault.Garble(Match.everyNthId(4),
        Garbage.TRUNCATED_JSON));
    assertRight(outcome, faultyChainStalled(outcome));
  }

  /**
   * The proxy drops the socket and reconnects land on a node of chain {@value ProxiedNode#WRONG}, which runs traffic
   * of its own: nothing of it may show up as chain {@value ProxiedNode#FAULTY}'s, and the endpoint must be shown
   * disconnected.
   */
  @Test
  @Order(12)
  void aReconnectThatLandsOnAnotherChain() {
    PhaseOutcome outcome = run("wrong chain after reconnect", Fault.wrongChain(net.wrongChain()));
    assertRight(outcome, shownConnected(outcome));
  }
}
