package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.EndpointRead;
import crosswatch.judge.ExecutingRead;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.LogsBloom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * The questions Crosswatch asks one chain, in round trips of batches of at most {@value #MAX_BATCH} calls, with
 * the answers checked against each other: logs said to be in a block must carry that block's hash and fit its
 * {@code logsBloom}, headers of a range must form a chain, and an answer said to hold all of a block's logs must
 * have exactly the block's bloom.
 */
final class ChainRpc implements AutoCloseable {
  static final int MAX_BATCH = 100;

  private final RpcCaller caller;

  ChainRpc(RpcCaller caller) {
    this.caller = caller;
  }

  long chainId() {
    return caller.chainId();
  }

  BlockHeader latestHeader() throws ChainUnavailable {
    return caller.call(List.of(RpcRequests.latestHeader()),
        answers -> RpcAnswers.existingHeader(answers.getFirst(), "latest"));
  }

  /** The headers these block tags name ({@code latest}, {@code safe}, {@code finalized}), in order, in one batch. */
  List<BlockHeader> taggedHeaders(List<String> tags) throws ChainUnavailable {
    return caller.call(tags.stream().<Request<?, ? extends Response<?>>>map(RpcRequests::taggedHeader).toList(),
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
      keys.putAll(caller.call(
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
   * The headers of blocks {@code from..to}, and the inbox logs of those among them whose bloom says they may hold
   * some, each log checked against its block's header. A refusal of the logs of several blocks is not retried:
   * the caller narrows the range instead. A block whose bloom admits inbox logs but has none in the answer is
   * left for the caller to confirm ({@link RangeScan#unexplained()}): a node whose log index lags answers so.
   */
  RangeScan scan(long from, long to) throws ChainUnavailable {
    List<BlockHeader> headers = headerRange(from, to);
    List<BlockHeader> candidates = headers.stream().filter(BlockHeader::mayHoldExecutingMessages).toList();
    if (candidates.isEmpty()) {
      return new RangeScan(headers, List.of(), Duration.ZERO);
    }
    long first = candidates.getFirst().number();
    long last = candidates.getLast().number();
    RpcClient.Reader<List<ChainLog>> reader = answers -> {
      List<ChainLog> logs = RpcAnswers.logs(answers.getFirst());
      for (ChainLog log : logs) {
        if (log.blockNumber() < first || log.blockNumber() > last) {
          throw new RpcFailure(RpcFailure.Kind.GARBLED, "log of block " + log.blockNumber() + " outside the range");
        }
        requireInbox(log);
        requireInBlock(log, headers.get((int) (log.blockNumber() - from)));
      }
      return logs;
    };
    List<Request<?, ? extends Response<?>>> request = List.of(RpcRequests.inboxLogs(first, last));
    if (last == first) {
      return new RangeScan(headers, caller.call(request, reader), Duration.ZERO);
    }
    RpcClient.Answer<List<ChainLog>> answer = caller.callOrRefuse(request, reader);
    return new RangeScan(headers, answer.value(), answer.took());
  }

  /** Headers of blocks {@code from..to} in order, each the parent of the next; every one must exist. */
  List<BlockHeader> headerRange(long from, long to) throws ChainUnavailable {
    var headers = new ArrayList<BlockHeader>((int) (to - from + 1));
    for (long start = from; start <= to; start += MAX_BATCH) {
      long end = Math.min(to, start + MAX_BATCH - 1);
      List<Long> numbers = LongStream.rangeClosed(start, end).boxed().toList();
      headers.addAll(caller.call(numbers.stream().<Request<?, ? extends Response<?>>>map(RpcRequests::header).toList(),
          answers -> {
            var read = new ArrayList<BlockHeader>(numbers.size());
            for (int i = 0; i < numbers.size(); i++) {
              read.add(numbered(RpcAnswers.existingHeader(answers.get(i), numbers.get(i)), numbers.get(i)));
            }
            return read;
          }));
    }
    for (int i = 1; i < headers.size(); i++) {
      if (!headers.get(i).parentHash().equals(headers.get(i - 1).hash())) {
        // The chain changed while its headers were read: read the range again.
        throw new ChainUnavailable(chainId(), "headers of blocks " + from + ".." + to + " do not form a chain",
            new RpcFailure(RpcFailure.Kind.INCONSISTENT, "reorg while reading headers"));
      }
    }
    return headers;
  }

  /** Inbox logs of exactly this block (by hash); a refusal (e.g. the block is gone already) is not retried. */
  List<ChainLog> inboxLogs(BlockHeader block) throws ChainUnavailable {
    return caller.callOrRefuse(List.of(RpcRequests.inboxLogs(block.hash())), answers -> {
      List<ChainLog> logs = RpcAnswers.logs(answers.getFirst());
      for (ChainLog log : logs) {
        requireInbox(log);
        requireInBlock(log, block);
      }
      return logs;
    }).value();
  }

  /**
   * The inbox logs of these blocks by hash, one round trip per {@value #MAX_BATCH} blocks, for holding another
   * endpoint's answer against them: a block this endpoint does not know (a lagging node), or answers with logs that
   * are not that block's, is absent from the map.
   */
  Map<String, List<ChainLog>> inboxLogsByHash(List<BlockHeader> blocks) throws ChainUnavailable {
    var logs = new HashMap<String, List<ChainLog>>();
    for (List<BlockHeader> chunk : chunks(blocks, MAX_BATCH)) {
      logs.putAll(caller.call(
          chunk.stream().<Request<?, ? extends Response<?>>>map(b -> RpcRequests.inboxLogs(b.hash())).toList(),
          answers -> {
            var read = new HashMap<String, List<ChainLog>>();
            for (int i = 0; i < chunk.size(); i++) {
              try {
                List<ChainLog> answered = RpcAnswers.logs(answers.get(i));
                for (ChainLog log : answered) {
                  requireInbox(log);
                  requireInBlock(log, chunk.get(i));
                }
                read.put(chunk.get(i).hash(), answered);
              } catch (RpcFailure e) {
                // No say about this block: an unknown hash is an error (EIP-234), and a wrong log proves nothing.
              }
            }
            return read;
          }));
    }
    return logs;
  }

  /**
   * Every log of exactly this block (by hash, EIP-234: an unknown block is an error, not an empty list), proven
   * complete: their indexes run from 0 without a gap and their bloom is the header's. An answer that leaves a log
   * out fails as inconsistent (and is retried), so what this returns can be trusted to hold everything.
   */
  List<ChainLog> completeLogs(BlockHeader block) throws ChainUnavailable {
    return caller.call(List.of(RpcRequests.allLogs(block.hash())), answers -> {
      List<ChainLog> logs = RpcAnswers.logs(answers.getFirst());
      for (int i = 0; i < logs.size(); i++) {
        requireInBlock(logs.get(i), block);
        if (logs.get(i).logIndex() != i) {
          throw new RpcFailure(RpcFailure.Kind.INCONSISTENT,
              "logs of block " + block.number() + " skip log index " + i);
        }
      }
      if (!LogsBloom.of(logs.stream().map(ChainLog::entry).toList()).equals(block.logsBloom())) {
        throw new RpcFailure(RpcFailure.Kind.INCONSISTENT,
            "logs of block " + block.number() + " do not match its logsBloom: some were left out");
      }
      return logs;
    });
  }

  /** Canonical headers by number; a number with no block yet is absent from the map. */
  Map<Long, BlockHeader> headers(Collection<Long> numbers) throws ChainUnavailable {
    var headers = new HashMap<Long, BlockHeader>();
    for (List<Long> chunk : chunks(List.copyOf(numbers), MAX_BATCH)) {
      headers.putAll(caller.call(chunk.stream().<Request<?, ? extends Response<?>>>map(RpcRequests::header).toList(),
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

  /**
   * Headers read back by hash (EIP-1898: a hash the node does not know is no block, whatever it said before); a
   * hash the node does not know is absent from the map, and so is one answered with another block's header.
   */
  Map<String, BlockHeader> headersByHash(Collection<String> hashes) throws ChainUnavailable {
    var headers = new HashMap<String, BlockHeader>();
    for (List<String> chunk : chunks(List.copyOf(hashes), MAX_BATCH)) {
      headers.putAll(caller.call(
          chunk.stream().<Request<?, ? extends Response<?>>>map(RpcRequests::headerByHash).toList(),
          answers -> {
            var read = new HashMap<String, BlockHeader>();
            for (int i = 0; i < chunk.size(); i++) {
              BlockHeader header = RpcAnswers.header(answers.get(i));
              if (header != null && header.hash().equals(chunk.get(i))) {
                read.put(chunk.get(i), header);
              }
            }
            return read;
          }));
    }
    return headers;
  }

  /**
   * The canonical blocks at these numbers, each with the logs of the origins asked for: the header by number (unless
   * {@code known} holds it: one the scanner passed), then the logs by its hash (two round trips for all blocks at
   * most), so a reorg between the two cannot mix blocks.
   * The logs keep their block-wide indexes; logs of other emitters are left out, so an answer that lacks the log a
   * message points at cannot tell a missing log from another emitter's: such a verdict needs
   * {@link #wholeBlock}.
   */
  Map<Long, InitiatingBlock> initiatingBlocks(Map<Long, Set<String>> originsByNumber, Map<Long, BlockHeader> known)
      throws ChainUnavailable {
    var unknown = new ArrayList<>(originsByNumber.keySet());
    unknown.removeAll(known.keySet());
    var headers = new HashMap<>(known);
    headers.putAll(headers(unknown));
    var blocks = new HashMap<Long, InitiatingBlock>();
    originsByNumber.keySet().stream().filter(n -> !headers.containsKey(n))
        // The node is behind the head we were told of, or the chain got shorter: not produced, as far as we know.
        .forEach(n -> blocks.put(n, InitiatingBlock.NOT_YET_PRODUCED));
    for (List<BlockHeader> chunk : chunks(List.copyOf(headers.values()), MAX_BATCH)) {
      blocks.putAll(caller.call(chunk.stream().<Request<?, ? extends Response<?>>>map(h ->
              RpcRequests.logsFrom(h.hash(), originsByNumber.get(h.number()))).toList(),
          answers -> {
            var read = new HashMap<Long, InitiatingBlock>();
            for (int i = 0; i < chunk.size(); i++) {
              BlockHeader header = chunk.get(i);
              Set<String> origins = originsByNumber.get(header.number());
              List<ChainLog> logs = RpcAnswers.logs(answers.get(i));
              for (ChainLog log : logs) {
                requireInBlock(log, header);
                if (!origins.contains(log.address())) {
                  throw new RpcFailure(RpcFailure.Kind.GARBLED, "a log that the filter excludes: " + log.address());
                }
              }
              read.put(header.number(), produced(header, logs));
            }
            return read;
          }));
    }
    return blocks;
  }

  /**
   * The canonical block at this number with every log it holds, proven complete ({@link #completeLogs}), as this
   * endpoint answers it; when the logs cannot be read, the hash it named is kept, so that a made-up hash still
   * shows as a disagreement with another endpoint.
   *
   * @param endpoint the endpoint as it may be shown
   */
  EndpointRead wholeBlock(long number, String endpoint) {
    BlockHeader header;
    try {
      header = headers(List.of(number)).get(number);
    } catch (ChainUnavailable e) {
      return new EndpointRead.Failed(endpoint, String.valueOf(e.getMessage()));
    }
    if (header == null) {
      return new EndpointRead.Read(endpoint, InitiatingBlock.NOT_YET_PRODUCED);
    }
    try {
      return new EndpointRead.Read(endpoint, produced(header, completeLogs(header)));
    } catch (ChainUnavailable e) {
      return new EndpointRead.Partial(endpoint, header.hash(), String.valueOf(e.getMessage()));
    }
  }

  /**
   * The block at {@code number} as this endpoint holds it, for confirming the executing log an invalid verdict
   * rests on: its hash there and, when that is {@code hash}, every inbox log of it, proven complete against its
   * bloom ({@link #completeLogs}), so that a log left out is not taken for a log made up elsewhere.
   *
   * @param endpoint the endpoint as it may be shown
   */
  ExecutingRead executingBlock(long number, String hash, String endpoint) {
    try {
      BlockHeader header = headers(List.of(number)).get(number);
      if (header == null || !header.hash().equalsIgnoreCase(hash)) {
        return new ExecutingRead.Read(endpoint, Optional.ofNullable(header).map(BlockHeader::hash), List.of());
      }
      List<ChainLog> inbox = completeLogs(header).stream().filter(ChainRpc::isInbox).toList();
      return new ExecutingRead.Read(endpoint, Optional.of(header.hash()), FoundLogs.of(inbox, List.of(header)));
    } catch (ChainUnavailable e) {
      return new ExecutingRead.Failed(endpoint, String.valueOf(e.getMessage()));
    }
  }

  private static InitiatingBlock.Produced produced(BlockHeader header, List<ChainLog> logs) {
    return new InitiatingBlock.Produced(header.number(), header.hash(), header.timestamp(),
        logs.stream().map(ChainLog::entry).toList());
  }

  private static BlockHeader numbered(BlockHeader header, long number) throws RpcFailure {
    if (header.number() != number) {
      throw new RpcFailure(RpcFailure.Kind.GARBLED, "asked for block " + number + ", got " + header.number());
    }
    return header;
  }

  /** A log said to be in a block must carry its number and hash, and the block's bloom must admit it. */
  private static void requireInBlock(ChainLog log, BlockHeader block) throws RpcFailure {
    if (log.blockNumber() != block.number() || !log.blockHash().equals(block.hash())) {
      throw new RpcFailure(RpcFailure.Kind.INCONSISTENT,
          "log of block " + log.blockNumber() + " " + log.blockHash() + " is not in block " + block.hash());
    }
    if (!block.logsBloom().covers(LogsBloom.of(List.of(log.entry())))) {
      throw new RpcFailure(RpcFailure.Kind.INCONSISTENT,
          "log " + log.logIndex() + " of block " + block.number() + " is not in its logsBloom");
    }
  }

  static boolean isInbox(ChainLog log) {
    return log.address().equals(ExecutingMessageDecoder.CROSS_L2_INBOX) && !log.topics().isEmpty()
        && log.topics().getFirst().equals(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC);
  }

  private static void requireInbox(ChainLog log) throws RpcFailure {
    if (!isInbox(log)) {
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
    caller.close();
  }
}
