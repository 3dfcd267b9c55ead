package crosswatch.judge;

import crosswatch.protocol.Decoded;
import crosswatch.protocol.DependencySet;
import crosswatch.protocol.ExecutingMessage;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.Validity;
import crosswatch.protocol.Verdict;
import crosswatch.store.Hash32;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** Pure steps between logs, verdicts and records: no I/O, no clock (times and stamps are given). */
final class Verdicts {
  private final DependencySet dependencies;

  Verdicts(DependencySet dependencies) {
    this.dependencies = dependencies;
  }

  /** The verdict on a well-formed message, given what its initiating chain holds at the identifier's number. */
  Verdict verdict(MessageRecord record, InitiatingBlock block) {
    return Validity.judge(new ExecutingMessage(Hash32.text(record.msgHash()), record.identifier()),
        BigInteger.valueOf(record.key().executingChainId()), record.executingTimestamp(), dependencies, block);
  }

  /** The record of a log seen for the first time: pending, whatever its decoding said. */
  static MessageRecord discovered(long executingChainId, FoundLog log, Decoded decoded, Instant seenAt,
                                  Stamp stamp) {
    var key = new MessageKey(executingChainId, log.blockHash(), log.logIndex());
    return new MessageRecord(key, log.blockNumber(), log.transactionHash(), log.blockTimestamp(), msgHash(decoded),
        identifier(decoded), Status.PENDING, null, List.of(new HistoryEntry(Status.PENDING, null, seenAt)), seenAt,
        seenAt, stamp);
  }

  /** The payload hash a record keeps of a decoded log; null for a malformed log without one. */
  static String msgHash(Decoded decoded) {
    return switch (decoded) {
      case Decoded.Ok ok -> ok.message().msgHash();
      case Decoded.Malformed malformed -> malformed.msgHash();
    };
  }

  /** The identifier a record keeps of a decoded log, read without the padding checks when malformed. */
  static Identifier identifier(Decoded decoded) {
    return switch (decoded) {
      case Decoded.Ok ok -> ok.message().identifier();
      case Decoded.Malformed malformed -> malformed.bestEffort();
    };
  }

  /** The record judged at {@code at}; the stamp is used only when the status changes. */
  static MessageRecord judged(MessageRecord record, Verdict verdict, Instant at, Stamp stamp) {
    return switch (verdict) {
      case Verdict.Pending p -> record.withStatus(Status.PENDING, null, at, stamp);
      case Verdict.Valid v -> record.withStatus(Status.VALID, null, at, stamp);
      case Verdict.Invalid invalid -> record.withStatus(Status.INVALID, invalid.reason(), at, stamp);
    };
  }

  /**
   * The verdict a log gets before any block is read, by the one verdict function: invalid when it is malformed
   * or breaks a rule that needs no initiating block (unknown chain, inactive, expired, initiated after executing),
   * else pending until its initiating block is read.
   */
  Verdict beforeAnyBlock(Decoded decoded, long executingChainId, long executingTimestamp) {
    return Validity.judge(decoded, BigInteger.valueOf(executingChainId), executingTimestamp, dependencies,
        InitiatingBlock.NOT_YET_PRODUCED);
  }

  static MessageRecord reorged(MessageRecord record, Instant at, Stamp stamp) {
    return record.withStatus(Status.REORGED, null, at, stamp);
  }

  /**
   * The record of a message whose executing block left the chain and is canonical again: judged afresh, by the
   * owner of its initiating chain unless no block is needed to find it invalid.
   */
  MessageRecord returned(MessageRecord record, Decoded decoded, Instant at, Stamp stamp) {
    return judged(record, beforeAnyBlock(decoded, record.key().executingChainId(), record.executingTimestamp()),
        at, stamp);
  }
}
