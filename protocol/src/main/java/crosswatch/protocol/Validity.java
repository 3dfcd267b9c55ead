package crosswatch.protocol;

import crosswatch.protocol.DependencySet.ChainDependency;
import crosswatch.protocol.InitiatingBlock.NotYetProduced;
import crosswatch.protocol.InitiatingBlock.Produced;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The verdict function: pure, no clock, no I/O, no logging.
 *
 * <p>Rules are checked in a fixed order and the first that fails is the one reason:
 * <ol>
 *   <li>{@code unknown-chain}: the identifier's chain is not in the dependency set. The executing chain not
 *       being in it counts too: the set is the executing chain's, so a chain outside it has no dependencies.
 *   <li>{@code interop-inactive}: the executing block, or the block the identifier's timestamp names on the
 *       initiating chain, is before activation or is the activation block
 *       ({@link ChainDependency#acceptsMessagesAt}).
 *   <li>{@code initiated-after-executing}: identifier timestamp &gt; executing timestamp.
 *   <li>{@code expired}: executing timestamp &gt; identifier timestamp + window; the boundary is valid.
 *   <li>pending while the initiating block is not produced. A block number beyond uint64 can never be
 *       produced, so such an identifier fails the next rule at once instead of staying pending forever.
 *   <li>{@code timestamp-mismatch}: the block at that number has another timestamp.
 *   <li>{@code log-missing}: the block has no log at the identifier's log index.
 *   <li>{@code origin-mismatch}: that log was emitted by another address.
 *   <li>{@code payload-mismatch}: that log's payload hash is not the message's msgHash.
 * </ol>
 * Rules 1-4 need no initiating block, so a verdict other than pending for
 * {@link InitiatingBlock#NOT_YET_PRODUCED} is final and the caller need not fetch the block. Identifier
 * numbers of any size are judged; a timestamp beyond uint64 is always after the executing block (rule 3).
 */
public final class Validity {

  private Validity() {}

  /**
   * Judges one decoded inbox log. A {@link Decoded.Malformed} log is invalid with {@code malformed-event}
   * whatever the other arguments say, so a caller without an initiating block may pass
   * {@link InitiatingBlock#NOT_YET_PRODUCED}.
   */
  public static Verdict judge(Decoded decoded, BigInteger executingChainId, long executingTimestamp,
                              DependencySet dependencies, InitiatingBlock initiating) {
    return switch (decoded) {
      case Decoded.Malformed ignored -> Verdict.invalid(Reason.MALFORMED_EVENT);
      case Decoded.Ok ok -> judge(ok.message(), executingChainId, executingTimestamp, dependencies, initiating);
    };
  }

  /**
   * Judges one strictly decoded executing message.
   *
   * @param executingChainId the chain whose block holds the executing message
   * @param executingTimestamp that block's timestamp
   * @param initiating what the initiating chain holds at {@code identifier.blockNumber}
   * @throws IllegalArgumentException if a produced block's number is not the identifier's block number
   */
  public static Verdict judge(ExecutingMessage message, BigInteger executingChainId, long executingTimestamp,
                              DependencySet dependencies, InitiatingBlock initiating) {
    Identifier id = message.identifier();
    BigInteger executedAt = BigInteger.valueOf(executingTimestamp);
    Optional<ChainDependency> executing = dependencies.chain(executingChainId);
    Optional<ChainDependency> initiatingChain = dependencies.chain(id.chainId());
    if (executing.isEmpty() || initiatingChain.isEmpty()) {
      return Verdict.invalid(Reason.UNKNOWN_CHAIN);
    }
    if (!executing.get().acceptsMessagesAt(executedAt)
        || !initiatingChain.get().acceptsMessagesAt(id.timestamp())) {
      return Verdict.invalid(Reason.INTEROP_INACTIVE);
    }
    if (id.timestamp().compareTo(executedAt) > 0) {
      return Verdict.invalid(Reason.INITIATED_AFTER_EXECUTING);
    }
    if (executedAt.compareTo(id.timestamp().add(BigInteger.valueOf(dependencies.expiryWindowSeconds()))) > 0) {
      return Verdict.invalid(Reason.EXPIRED);
    }
    if (!Words.fitsUnsigned(id.blockNumber(), 64)) {
      return Verdict.invalid(Reason.TIMESTAMP_MISMATCH);
    }
    return switch (initiating) {
      case NotYetProduced ignored -> Verdict.PENDING;
      case Produced block -> judgeAgainst(block, message);
    };
  }

  private static Verdict judgeAgainst(Produced block, ExecutingMessage message) {
    Identifier id = message.identifier();
    if (!BigInteger.valueOf(block.number()).equals(id.blockNumber())) {
      throw new IllegalArgumentException(
          "judged against block " + block.number() + " but the identifier names " + id.blockNumber());
    }
    if (!BigInteger.valueOf(block.timestamp()).equals(id.timestamp())) {
      return Verdict.invalid(Reason.TIMESTAMP_MISMATCH);
    }
    Optional<LogEntry> log = block.logs().stream()
        .filter(entry -> BigInteger.valueOf(entry.logIndex()).equals(id.logIndex()))
        .findFirst();
    if (log.isEmpty()) {
      return Verdict.invalid(Reason.LOG_MISSING);
    }
    if (!log.get().address().equalsIgnoreCase(id.origin())) {
      return Verdict.invalid(Reason.ORIGIN_MISMATCH);
    }
    if (!Hashes.payloadHash(log.get()).equalsIgnoreCase(message.msgHash())) {
      return Verdict.invalid(Reason.PAYLOAD_MISMATCH);
    }
    return Verdict.VALID;
  }
}
