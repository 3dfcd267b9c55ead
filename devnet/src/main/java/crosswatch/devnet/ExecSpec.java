package crosswatch.devnet;

import crosswatch.protocol.AccessList;
import crosswatch.protocol.ExecutingMessage;
import crosswatch.protocol.Identifier;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.utils.Numeric;

/**
 * What one executing message claims: the {@code Identifier} of its initiating log and that log's payload hash.
 * Numbers may hold any uint256, so that an identifier can also be nonsense on purpose.
 *
 * @param origin 0x-prefixed 20-byte address
 * @param msgHash 0x-prefixed 32-byte hash
 */
public record ExecSpec(String origin, BigInteger blockNumber, BigInteger logIndex, BigInteger timestamp,
                       BigInteger chainId, String msgHash) {
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  public ExecSpec {
    if (Numeric.hexStringToByteArray(Objects.requireNonNull(origin, "origin")).length != 20) {
      throw new IllegalArgumentException("origin is not a 20-byte address: " + origin);
    }
    if (Numeric.hexStringToByteArray(Objects.requireNonNull(msgHash, "msgHash")).length != 32) {
      throw new IllegalArgumentException("msgHash is not 32 bytes: " + msgHash);
    }
    requireUint256("blockNumber", blockNumber);
    requireUint256("logIndex", logIndex);
    requireUint256("timestamp", timestamp);
    requireUint256("chainId", chainId);
  }

  /** The valid executing message for {@code log}. */
  /** This executing message as the protocol code sees it. */
  public ExecutingMessage message() {
    return new ExecutingMessage(msgHash, new Identifier(origin, blockNumber, logIndex, timestamp, chainId));
  }

  /**
   * The inbox storage keys a real executing transaction declares in its access list for this message (built by
   * the same code the node checks them with); none when the identifier is too wide to be declared at all.
   */
  public List<String> accessListKeys() {
    try {
      return AccessList.storageKeys(message());
    } catch (IllegalArgumentException tooWide) {
      return List.of();
    }
  }

  public static ExecSpec of(InitiatingLog log) {
    return new ExecSpec(log.origin(), BigInteger.valueOf(log.blockNumber()), BigInteger.valueOf(log.logIndex()),
        BigInteger.valueOf(log.timestamp()), BigInteger.valueOf(log.chainId()), log.msgHash());
  }

  public ExecSpec withOrigin(String newOrigin) {
    return new ExecSpec(newOrigin, blockNumber, logIndex, timestamp, chainId, msgHash);
  }

  public ExecSpec withBlockNumber(BigInteger newBlockNumber) {
    return new ExecSpec(origin, newBlockNumber, logIndex, timestamp, chainId, msgHash);
  }

  public ExecSpec withLogIndex(BigInteger newLogIndex) {
    return new ExecSpec(origin, blockNumber, newLogIndex, timestamp, chainId, msgHash);
  }

  public ExecSpec withTimestamp(BigInteger newTimestamp) {
    return new ExecSpec(origin, blockNumber, logIndex, newTimestamp, chainId, msgHash);
  }

  public ExecSpec withChainId(BigInteger newChainId) {
    return new ExecSpec(origin, blockNumber, logIndex, timestamp, newChainId, msgHash);
  }

  public ExecSpec withMsgHash(String newMsgHash) {
    return new ExecSpec(origin, blockNumber, logIndex, timestamp, chainId, newMsgHash);
  }

  private static void requireUint256(String name, BigInteger value) {
    Objects.requireNonNull(value, name);
    if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException(name + " is not a uint256: " + value);
    }
  }
}
