package crosswatch.devnet;

import java.math.BigInteger;
import java.util.function.Function;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The deliberately invalid executing messages, one per reason of the protocol (by its wire name), built from a
 * real initiating log. {@link ExecSpec#of} builds the valid one. A malformed event is not an identifier but a
 * raw inbox log: see {@link Malformed}.
 *
 * <p>Three reasons lie in time or configuration, not in the identifier: their {@link #spec} is the valid
 * identifier and the caller arranges the rest ({@link #brokenByIdentifier()} is false).
 */
public enum Broken {
  /** {@code id.chainId} is {@link #UNKNOWN_CHAIN_ID}, which no devnet runs. */
  UNKNOWN_CHAIN("unknown-chain", log -> ExecSpec.of(log).withChainId(unknownChainId())),
  /** {@code id.logIndex} is the largest uint32: it decodes, and no block holds that many logs. */
  LOG_MISSING("log-missing", log -> ExecSpec.of(log).withLogIndex(maxUint32())),
  /** {@code id.origin} differs from the emitter in its last byte. */
  ORIGIN_MISMATCH("origin-mismatch", log -> ExecSpec.of(log).withOrigin(otherAddress(log.origin()))),
  /** {@code msgHash} is the keccak256 of the right hash, not of the payload. */
  PAYLOAD_MISMATCH("payload-mismatch",
      log -> ExecSpec.of(log).withMsgHash(Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(log.msgHash()))))),
  /** {@code id.timestamp} is one second before the block's (never after, so that it cannot look "future"). */
  TIMESTAMP_MISMATCH("timestamp-mismatch",
      log -> ExecSpec.of(log).withTimestamp(BigInteger.valueOf(log.timestamp() - 1))),
  /**
   * The executing block must be older than the initiating block. Chain clocks only move forward, so put the
   * initiating chain ahead first: {@code initiating.increaseTime(60)} (or {@code setNextBlockTimestamp}),
   * emit the initiating log there, then execute it on a chain whose clock was not moved, in a block whose
   * timestamp is below {@code log.timestamp()} (check {@link ExecutingReceipt#timestamp()}).
   */
  INITIATED_AFTER_EXECUTING("initiated-after-executing", ExecSpec::of),
  /**
   * The executing block must be later than {@code log.timestamp() + EXPIRY_WINDOW_SECONDS}:
   * {@code executing.setNextBlockTimestamp(log.timestamp() + EXPIRY_WINDOW_SECONDS + 1)} before executing
   * (exactly {@code + EXPIRY_WINDOW_SECONDS} is still valid). For a same-chain message use {@code increaseTime}.
   */
  EXPIRED("expired", ExecSpec::of),
  /**
   * The node's dependency set must activate interop on the initiating (or executing) chain after
   * {@code log.timestamp()}: e.g. an activation timestamp of {@code log.timestamp() + 1}, which a test writes
   * into the {@code --dependency-set} file. {@link DevnetChain#genesisTimestamp()} tells where the chain began.
   */
  INTEROP_INACTIVE("interop-inactive", ExecSpec::of);

  /** A chain id no devnet chain uses. */
  public static final BigInteger UNKNOWN_CHAIN_ID = BigInteger.valueOf(999_999_999L);
  public static final BigInteger MAX_UINT32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
  /** The protocol's message expiry window (7 days). */
  public static final long EXPIRY_WINDOW_SECONDS = 604_800;

  private final String reason;
  private final Function<InitiatingLog, ExecSpec> breaker;

  Broken(String reason, Function<InitiatingLog, ExecSpec> breaker) {
    this.reason = reason;
    this.breaker = breaker;
  }

  /** The protocol's name of the reason the message is invalid, e.g. {@code payload-mismatch}. */
  public String reason() {
    return reason;
  }

  /** The executing message for {@code log}, broken in this way (see each constant for what else it needs). */
  public ExecSpec spec(InitiatingLog log) {
    return breaker.apply(log);
  }

  /** False when the identifier is valid and the invalidity has to be arranged through time or configuration. */
  public boolean brokenByIdentifier() {
    return this != INITIATED_AFTER_EXECUTING && this != EXPIRED && this != INTEROP_INACTIVE;
  }

  // Enum constants cannot name the static fields below directly (they are initialised after the constants).
  private static BigInteger unknownChainId() {
    return UNKNOWN_CHAIN_ID;
  }

  private static BigInteger maxUint32() {
    return MAX_UINT32;
  }

  private static String otherAddress(String address) {
    byte[] bytes = Numeric.hexStringToByteArray(address);
    bytes[bytes.length - 1] ^= 0x01;
    return Numeric.toHexString(bytes);
  }
}
