package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.LogEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * The questions Crosswatch asks one chain, each as one round trip (batches of at most {@value #MAX_BATCH} calls),
 * with the answers checked against each other: logs said to be in a block must carry that block's hash.
 */
final class ChainRpc implements AutoCloseable {
  static final int MAX_BATCH = 100;

  private final RpcClient client;

  ChainRpc(RpcClient client) {
    this.client = client;
  }

  long chainId() {
    return client.chainId();
  }

  BlockHeader latestHeader() throws ChainUnavailable {
    return client.call(List.of(RpcRequests.latestHeader()),
        answers -> RpcAnswers.existingHeader(answers.getFirst(), "latest"));
  }

  /** The {@code latest}, {@code safe} and {@code finalized} headers, in that order, in one batch. */
  List<BlockHeader> taggedHeaders() throws ChainUnavailable {
    List<String> tags = List.of("latest", "safe", "finalized");
    return client.call(tags.stream().<Request<?, ? extends Response<?>>>map(RpcRequests::taggedHeader).toList(),
        answers -> {
          var headers = new ArrayList<BlockHeader>(tags.size());
          for (int i = 0; i < tags.size(); i++) {
            headers.add(RpcAnswers.existingHeader(answers.get(i), tags.get(i)));
          }
          return headers;
        });
  }

  /**
   * The storage keys each transaction's access list declares under the inbox, by transaction hash; a transaction
   * the node does not know is absent.
   */
  Map<String, List<String>> inboxStorageKeys(Collection<String> txHashes) throws ChainUnavailable {
    var keys = new HashMap<String, List<String>>();
    for (List<String> chunk : chunks(List.copyOf(txHashes), MAX_BATCH)) {
      keys.putAll(client.call(
          chunk.stream().<Request<?, ? extends Response<?>>>map(RpcRequests::transaction).toList(),
          answers -> {
            var read = new HashMap<String, List<String>>();
            for (int i = 0; i < chunk.size(); i++) {
              List<String> declared =
                  RpcAnswers.storageKeysUnder(answers.get(i), ExecutingMessageDecoder.CROSS_L2_INBOX);
              if (declared != null) {
                read.put(chunk.get(i), declared);
              }
            }
            return read;
          }));
    }
    return keys;
  }

  /**
   * Inbox logs of blocks {@code from..to} and the headers at both ends. A refusal of a range of several blocks
   * is not retried: the caller narrows the range instead.
   */
  RangeScan scan(long from, long to) throws ChainUnavailable {
    List<Request<?, ? extends Response<?>>> batch = new ArrayList<>(List.of(
        RpcRequests.inboxLogs(from, to), RpcRequests.header(from)));
    if (to > from) {
      batch.add(RpcRequests.header(to));
    }
    RpcClient.Reader<RangeScan> reader = answers -> {
      BlockHeader first = numbered(RpcAnswers.existingHeader(answers.get(1), from), from);
      BlockHeader last = to > from ? numbered(RpcAnswers.existingHeader(answers.get(2), to), to) : first;
      List<ChainLog> logs = RpcAnswers.logs(answers.getFirst());
      for (ChainLog log : logs) {
        requireInbox(log);
        if (log.blockNumber() < from || log.blockNumber() > to) {
          throw new RpcFailure(RpcFailure.Kind.GARBLED, "log of block " + log.blockNumber() + " outside the range");
        }
        requireSameBlock(log, log.blockNumber() == from ? first : log.blockNumber() == to ? last : null);
      }
      return new RangeScan(first, last, logs);
    };
    return to > from ? client.callOrRefuse(batch, reader) : client.call(batch, reader);
  }

  /** Inbox logs of exactly this block (by hash); a refusal (e.g. the block is gone already) is not retried. */
  List<ChainLog> inboxLogs(BlockHeader block) throws ChainUnavailable {
    return client.callOrRefuse(List.of(RpcRequests.inboxLogs(block.hash())), answers -> {
      List<ChainLog> logs = RpcAnswers.logs(answers.getFirst());
      for (ChainLog log : logs) {
        requireInbox(log);
        requireSameBlock(log, block);
      }
      return logs;
    });
  }

  /** Canonical headers by number; a number with no block yet is absent from the map. */
  Map<Long, BlockHeader> headers(Collection<Long> numbers) throws ChainUnavailable {
    var headers = new HashMap<Long, BlockHeader>();
    for (List<Long> chunk : chunks(List.copyOf(numbers), MAX_BATCH)) {
      headers.putAll(client.call(chunk.stream().<Request<?, ? extends Response<?>>>map(RpcRequests::header).toList(),
          answers -> {
            var read = new HashMap<Long, BlockHeader>();
            for (int i = 0; i < chunk.size(); i++) {
              BlockHeader header = RpcAnswers.header(answers.get(i));
              if (header != null) {
                read.put(chunk.get(i), numbered(header, chunk.get(i)));
              }
            }
            return read;
          }));
    }
    return headers;
  }

  /** Headers by hash, for timestamps of blocks whose logs did not carry one; every hash must resolve. */
  Map<String, BlockHeader> headersByHash(Collection<String> hashes) throws ChainUnavailable {
    var headers = new HashMap<String, BlockHeader>();
    for (List<String> chunk : chunks(List.copyOf(hashes), MAX_BATCH)) {
      headers.putAll(client.call(
          chunk.stream().<Request<?, ? extends Response<?>>>map(RpcRequests::headerByHash).toList(),
          answers -> {
            var read = new HashMap<String, BlockHeader>();
            for (int i = 0; i < chunk.size(); i++) {
              BlockHeader header = RpcAnswers.header(answers.get(i));
              if (header == null || !header.hash().equals(chunk.get(i))) {
                throw new RpcFailure(RpcFailure.Kind.INCONSISTENT, "block " + chunk.get(i) + " is gone");
              }
              read.put(chunk.get(i), header);
            }
            return read;
          }));
    }
    return headers;
  }

  /** The canonical blocks at these numbers with all their logs: header and logs of one block in one batch. */
  Map<Long, InitiatingBlock> initiatingBlocks(Collection<Long> numbers) throws ChainUnavailable {
    var blocks = new HashMap<Long, InitiatingBlock>();
    for (List<Long> chunk : chunks(List.copyOf(numbers), MAX_BATCH / 2)) {
      var batch = new ArrayList<Request<?, ? extends Response<?>>>();
      chunk.forEach(n -> batch.addAll(List.of(RpcRequests.header(n), RpcRequests.allLogs(n))));
      blocks.putAll(client.call(batch, answers -> {
        var read = new HashMap<Long, InitiatingBlock>();
        for (int i = 0; i < chunk.size(); i++) {
          read.put(chunk.get(i), initiatingBlock(chunk.get(i), answers.get(2 * i), answers.get(2 * i + 1)));
        }
        return read;
      }));
    }
    return blocks;
  }

  private static InitiatingBlock initiatingBlock(long number, Response<?> headerAnswer, Response<?> logsAnswer)
      throws RpcFailure {
    BlockHeader header = RpcAnswers.header(headerAnswer);
    if (header == null) {
      // The node is behind the head we were told of, or the chain got shorter: not produced, as far as we know.
      return InitiatingBlock.NOT_YET_PRODUCED;
    }
    numbered(header, number);
    var entries = new ArrayList<LogEntry>();
    for (ChainLog log : RpcAnswers.logs(logsAnswer)) {
      requireSameBlock(log, header);
      entries.add(new LogEntry(log.address(), log.topics(), log.data(), log.logIndex()));
    }
    return new InitiatingBlock.Produced(number, header.hash(), header.timestamp(), entries);
  }

  private static BlockHeader numbered(BlockHeader header, long number) throws RpcFailure {
    if (header.number() != number) {
      throw new RpcFailure(RpcFailure.Kind.GARBLED, "asked for block " + number + ", got " + header.number());
    }
    return header;
  }

  private static void requireSameBlock(ChainLog log, BlockHeader block) throws RpcFailure {
    if (block != null && (log.blockNumber() != block.number() || !log.blockHash().equals(block.hash()))) {
      throw new RpcFailure(RpcFailure.Kind.INCONSISTENT,
          "log of block " + log.blockNumber() + " " + log.blockHash() + " is not in block " + block.hash());
    }
  }

  private static void requireInbox(ChainLog log) throws RpcFailure {
    if (!log.address().equals(ExecutingMessageDecoder.CROSS_L2_INBOX) || log.topics().isEmpty()
        || !log.topics().getFirst().equals(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC)) {
      throw new RpcFailure(RpcFailure.Kind.GARBLED, "a log that the filter excludes: " + log.address());
    }
  }

  private static <T> List<List<T>> chunks(List<T> items, int size) {
    var chunks = new ArrayList<List<T>>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return chunks;
  }

  @Override
  public void close() {
    client.close();
  }
}
