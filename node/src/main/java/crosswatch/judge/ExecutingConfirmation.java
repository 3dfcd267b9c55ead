package crosswatch.judge;

import crosswatch.protocol.Decoded;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.store.Hash32;
import crosswatch.store.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the endpoints of a message's executing chain hold the log the message was found as: its block under the
 * same hash at its height, and in it the inbox log at its index with the same payload, identifier and transaction.
 * A {@link Quorum} of endpoints must hold it and none anything else; one that fails or has not reached the block
 * does not vote. An invalid verdict rests on that log as much as on the initiating block: a node that made the log
 * up (another identifier in its data, which no bloom shows) could otherwise make a valid message invalid. Pure.
 */
final class ExecutingConfirmation {
  private ExecutingConfirmation() {}

  /**
   * Why the message's log is not confirmed.
   *
   * @param disagreement an endpoint named another block at the height, or another log in the same block: one of
   *     the endpoints lies (or the chain reorganised between the reads)
   */
  record Doubt(boolean disagreement, String detail) {}

  /** Empty when a quorum of endpoints confirms the log and none contradicts it; else the doubt, a disagreement first. */
  static Optional<Doubt> of(MessageRecord record, List<ExecutingRead> reads) {
    long number = record.executingBlockNumber();
    String hash = record.key().executingBlockHash().toString();
    var disagreements = new ArrayList<String>();
    var unconfirmed = new ArrayList<String>();
    int confirmed = 0;
    for (ExecutingRead read : reads) {
      switch (read) {
        case ExecutingRead.Failed f -> unconfirmed.add(f.endpoint() + " failed: " + f.error());
        case ExecutingRead.Read r when r.hashAtHeight().isEmpty() ->
            unconfirmed.add(r.endpoint() + " has no block " + number);
        case ExecutingRead.Read r when !r.hashAtHeight().get().equalsIgnoreCase(hash) ->
            disagreements.add(r.endpoint() + " names block " + number + " " + r.hashAtHeight().get());
        case ExecutingRead.Read r -> {
          Optional<FoundLog> log = r.inboxLogs().stream()
              .filter(l -> l.logIndex() == record.key().executingLogIndex()).findFirst();
          if (log.isEmpty()) {
            disagreements.add(r.endpoint() + " has no inbox log " + record.key().executingLogIndex() + " in block "
                + hash);
          } else if (!same(record, log.get())) {
            disagreements.add(r.endpoint() + " has another inbox log " + record.key().executingLogIndex() + " in block "
                + hash);
          } else {
            confirmed++;
          }
        }
      }
    }
    if (!disagreements.isEmpty()) {
      return Optional.of(new Doubt(true, String.join("; ", disagreements)));
    }
    return confirmed >= Quorum.of(reads.size()) ? Optional.empty()
        : Optional.of(new Doubt(false, String.join("; ", unconfirmed)));
  }

  /** Whether the log is the one the record was made of. */
  private static boolean same(MessageRecord record, FoundLog log) {
    Decoded decoded = ExecutingMessageDecoder.decode(log.topics(), log.data());
    return Objects.equals(Verdicts.msgHash(decoded), Hash32.text(record.msgHash()))
        && Objects.equals(Verdicts.identifier(decoded), record.identifier())
        && log.transactionHash().equalsIgnoreCase(record.executingTxHash().toString());
  }
}
