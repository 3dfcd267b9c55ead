package crosswatch.devnet;

import org.web3j.crypto.Hash;

/** The CrossL2Inbox predeploy, as the protocol fixes it. */
public final class Inbox {
  /** Where the predeploy lives on every interop chain, and where the devnet puts its stand-in. */
  public static final String ADDRESS = "0x4200000000000000000000000000000000000022";

  public static final String EXECUTING_MESSAGE_SIGNATURE =
      "ExecutingMessage(bytes32,(address,uint256,uint256,uint256,uint256))";

  /** topic0 of every executing message. */
  public static final String EXECUTING_MESSAGE_TOPIC = Hash.sha3String(EXECUTING_MESSAGE_SIGNATURE);

  private Inbox() {}
}
