package crosswatch.faults;

import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.Garbage;
import crosswatch.devnet.proxy.Match;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The faulty chain over ws: dropped sockets, garbled frames, and a reconnect that lands on another chain. */
@Tag("integration")
class WebSocketFaultsTest extends TransportFaultPhases {

  @Override
  protected Setup setup() {
    return Setup.ws().withWrongChain();
  }

  @Test
  @Order(1)
  void theSocketClosedOnEveryRequest() {
    assertRight(run("ws close", Fault.closeWebSocket()));
  }

  /**
   * One answer in four comes back cut off: that request fails (or the socket is opened again) at once and is asked
   * again, so the chain's messages are judged about as fast as ever, not after a request timeout each time.
   */
  @Test
  @Order(30)
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
  @Order(31)
  void aReconnectThatLandsOnAnotherChain() {
    PhaseOutcome outcome = run("wrong chain after reconnect", Fault.wrongChain(net.wrongChain()));
    assertRight(outcome, shownConnected(outcome));
  }
}
