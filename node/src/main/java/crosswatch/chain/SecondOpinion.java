package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * Holds the inbox logs one endpoint answered against another endpoint of the chain before the scan records them:
 * a log's data is in no bloom, so only another node can show it was made up. The other endpoint is asked once, by
 * block hash; when it cannot say (down, failing, not holding the block yet, or holding no inbox logs there) the
 * first answer stands, so that a second endpoint down never stalls the scan. A chain with one endpoint asks nothing.
 */
final class SecondOpinion {
  private static final Logger log = LoggerFactory.getLogger(SecondOpinion.class);
  /**
   * An endpoint whose last attempt failed is left alone this long: one that hangs would otherwise hold every block
   * with inbox logs for a request timeout.
   */
  static final Duration ASK_FAILED_AGAIN_AFTER = Duration.ofSeconds(30);

  /** What the other endpoint holds at a block. */
  enum Holding {
    /** The same inbox logs: same indexes, transactions, topics and data. */
    SAME,
    /** Nothing to hold against: no such block there, or no inbox logs in it (a node behind answers so). */
    NOTHING,
    /** Other inbox logs at the same block: one endpoint made them up. */
    OTHER
  }

  /** A block whose inbox logs the endpoints hold differently. */
  record Disputed(BlockHeader block, String detail) {}

  private final long chainId;
  private final List<RpcClient> clients;
  private final IntSupplier active;

  /** @param active the index in {@code clients} of the active endpoint, the one calls go to first */
  SecondOpinion(long chainId, List<RpcClient> clients, IntSupplier active) {
    this.chainId = chainId;
    this.clients = List.copyOf(clients);
    this.active = active;
  }

  /** The index of the active endpoint now: taken before the logs are read, to know who may have answered them. */
  int activeNow() {
    return active.getAsInt();
  }

  /**
   * The lowest block among {@code blocks} whose inbox logs another endpoint holds otherwise than {@code logs}; empty
   * when every block agrees or no other endpoint can say. Only blocks holding some of the logs are asked about, of
   * the endpoints that did not answer: when the active endpoint was the same before the logs were read
   * ({@code activeBefore}) and after, it answered them and one request to the next endpoint suffices; when a
   * failover came between, which one answered is not known, so every endpoint is asked (lest an endpoint be held
   * against its own answer).
   */
  Optional<Disputed> firstDisputed(List<ChainLog> logs, List<BlockHeader> blocks, int activeBefore) {
    Map<String, List<ChainLog>> ours = logs.stream().collect(Collectors.groupingBy(ChainLog::blockHash));
    List<BlockHeader> withLogs = blocks.stream().filter(b -> ours.containsKey(b.hash()))
        .sorted(Comparator.comparingLong(BlockHeader::number)).toList();
    if (clients.size() < 2 || withLogs.isEmpty()) {
      return Optional.empty();
    }
    for (int other : toAsk(clients.size(), activeBefore, active.getAsInt())) {
      Optional<Disputed> disputed = disputedAt(clients.get(other), ours, withLogs);
      if (disputed.isPresent()) {
        return disputed;
      }
    }
    return Optional.empty();
  }

  /**
   * The endpoints (indexes among {@code endpoints}) to hold an answer against: the one after the endpoint that was
   * active both before and after the answer (so it answered), else every endpoint.
   */
  static List<Integer> toAsk(int endpoints, int activeBefore, int activeAfter) {
    if (activeBefore == activeAfter) {
      return List.of((activeAfter + 1) % endpoints);
    }
    return IntStream.range(0, endpoints).boxed().toList();
  }

  private Optional<Disputed> disputedAt(RpcClient other, Map<String, List<ChainLog>> ours,
                                        List<BlockHeader> withLogs) {
    if (failedLately(other.health(), Instant.now())) {
      return Optional.empty();
    }
    Map<String, List<ChainLog>> theirs;
    try {
      theirs = new ChainRpc(new OneAttempt(other)).inboxLogsByHash(withLogs);
    } catch (ChainUnavailable e) {
      log.debug("second opinion unavailable, first answer stands chainId={} rpc={} error={}", chainId,
          other.endpoint().display(), e.getMessage());
      return Optional.empty();
    }
    for (BlockHeader block : withLogs) {
      List<ChainLog> held = theirs.getOrDefault(block.hash(), List.of());
      if (compare(ours.get(block.hash()), held) == Holding.OTHER) {
        return Optional.of(new Disputed(block, "the " + ours.get(block.hash()).size()
            + " inbox logs answered differ from the " + held.size() + " at " + other.endpoint().display()));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether an endpoint is not worth asking now: its last attempt failed lately, or a call to it waits longer than
   * the request timeout (its health then reports that timeout, as of now). One never asked is worth asking.
   */
  static boolean failedLately(EndpointHealth health, Instant now) {
    return !health.connected() && health.lastError().isPresent() && health.lastErrorAt()
        .filter(at -> at.plus(ASK_FAILED_AGAIN_AFTER).isAfter(now)).isPresent();
  }

  /** How the other endpoint's inbox logs of one block stand to ours; the order of the answers does not matter. */
  static Holding compare(List<ChainLog> ours, List<ChainLog> theirs) {
    if (theirs.isEmpty()) {
      return Holding.NOTHING;
    }
    return facts(ours).equals(facts(theirs)) ? Holding.SAME : Holding.OTHER;
  }

  /** A log's facts as recorded; its block timestamp is left out, as only some nodes include it. */
  private record Facts(long logIndex, String transactionHash, String address, List<String> topics, String data) {}

  private static List<Facts> facts(List<ChainLog> logs) {
    return logs.stream().map(l -> new Facts(l.logIndex(), l.transactionHash(), l.address(), l.topics(), l.data()))
        .sorted(Comparator.comparingLong(Facts::logIndex).thenComparing(Facts::transactionHash)
            .thenComparing(Facts::data))
        .toList();
  }

  /** One attempt at one endpoint: a second opinion is not worth the retries that would hold up the scan. */
  private record OneAttempt(RpcClient client) implements RpcCaller {
    @Override
    public long chainId() {
      return client.chainId();
    }

    @Override
    public <T> T call(List<Request<?, ? extends Response<?>>> requests, RpcClient.Reader<T> reader)
        throws ChainUnavailable {
      return callOrRefuse(requests, reader).value();
    }

    @Override
    public <T> RpcClient.Answer<T> callOrRefuse(List<Request<?, ? extends Response<?>>> requests,
                                                RpcClient.Reader<T> reader) throws ChainUnavailable {
      try {
        return client.attempt(requests, reader);
      } catch (RpcFailure e) {
        throw client.unavailable(requests, e);
      }
    }

    @Override
    public void close() {
      // The connection closes its clients.
    }
  }
}
