package crosswatch.devnet.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link FaultProxy} does wrong until it is healed. Each fault hits only the requests its {@link Match}
 * selects; the rest are answered truthfully. Over ws, faults that only http can show are shown the ws way (a
 * 503 closes the socket with 1013 "try again later", a 429 answers each element with {@code -32005}).
 */
public sealed interface Fault {

  /** Every answer true. */
  record None() implements Fault {}

  /**
   * A provider's rate limit: matching requests beyond {@code perSecond} (0: all of them) are refused. Over http
   * with {@code http429} the whole body is answered 429 with {@code Retry-After}; otherwise (and always over ws)
   * each refused element gets JSON-RPC error {@value #RATE_LIMITED}, the others their true answers.
   */
  record RateLimit(Match match, double perSecond, Duration retryAfter, boolean http429) implements Fault {
    public static final int RATE_LIMITED = -32005;

    public RateLimit {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (perSecond < 0) {
        throw new IllegalArgumentException("perSecond must be >= 0");
      }
    }
  }

  /** An http status instead of an answer (over ws: the socket closed with 1013). */
  record Status(Match match, int status) implements Fault {}

  /** The TCP connection reset once the request has arrived, nothing answered (http and ws alike). */
  record Reset(Match match) implements Fault {}

  /** The ws closed with 1001 "going away" once the request has arrived (over http: the connection closed). */
  record CloseWebSocket(Match match) implements Fault {}

  /** Accepted and never answered until healed; then answered late. Over ws notifications stop as well. */
  record Hang(Match match) implements Fault {}

  /** A malformed or odd answer of one {@link Garbage} kind. */
  record Garble(Match match, Garbage garbage) implements Fault {}

  /**
   * A node that hides logs: {@code eth_getLogs} answers lack the logs that match, headers stay true.
   *
   * @param match which {@code eth_getLogs} requests lie (e.g. {@link Match#logsByRange()}, {@link Match#logsByHash()})
   * @param addresses hide only logs of these emitters (lowercase); empty: of every emitter
   * @param topics0 hide only logs with one of these first topics (lowercase); empty: whatever their topic
   * @param fromBlock hide only logs of blocks from this number
   * @param toBlock hide only logs of blocks up to this number (inclusive)
   */
  record HideLogs(Match match, Set<String> addresses, Set<String> topics0, long fromBlock, long toBlock)
      implements Fault {
    public HideLogs {
      Objects.requireNonNull(match, "match");
      addresses = Set.copyOf(addresses);
      topics0 = Set.copyOf(topics0);
    }

    public HideLogs ofAddress(String address) {
      return new HideLogs(match, Set.of(address.toLowerCase()), topics0, fromBlock, toBlock);
    }

    public HideLogs withTopic0(String topic0) {
      return new HideLogs(match, addresses, Set.of(topic0.toLowerCase()), fromBlock, toBlock);
    }

    public HideLogs inBlocks(long from, long to) {
      return new HideLogs(match, addresses, topics0, from, to);
    }
  }

  /**
   * A node that makes logs up: {@code eth_getLogs} answers carry the logs of these emitters with the last bit of
   * their data flipped. Data is not in a block's bloom, so no header shows the lie; for an inbox
   * {@code ExecutingMessage} it changes the identifier's chain id.
   *
   * @param addresses the emitters whose logs are forged (lowercase)
   */
  record ForgeLogData(Match match, Set<String> addresses) implements Fault {
    public ForgeLogData {
      Objects.requireNonNull(match, "match");
      addresses = Set.copyOf(addresses);
    }
  }

  /** A node that answers {@code eth_getBlockByNumber} and {@code eth_getBlockByHash} with another block's header. */
  record WrongHeader(Match match, HeaderLie lie) implements Fault {}

  /**
   * A node of another chain: the proxy forwards to {@code upstream} (an http URL; its ws is the same host and port)
   * and drops every ws connection, so that a reconnect lands there too. Healing switches back and drops them again.
   */
  record WrongChain(URI upstream) implements Fault {}

  /**
   * A node {@code blocks} behind: {@code latest} is the head minus {@code blocks}, newer blocks are unknown
   * ({@code null}), logs stop there, and ws new heads are announced that many blocks late.
   */
  record Lag(int blocks) implements Fault {
    public Lag {
      if (blocks < 1) {
        throw new IllegalArgumentException("a lag is at least one block");
      }
    }
  }

  Fault NONE = new None();

  /** Every request refused with http 429 and {@code Retry-After} (over ws: {@code -32005}). */
  static RateLimit http429(Duration retryAfter) {
    return new RateLimit(Match.allBut(Match.NOTIFICATION), 0, retryAfter, true);
  }

  /** Every request element refused with JSON-RPC error {@code -32005}. */
  static RateLimit rpcRateLimit(Duration retryAfter) {
    return new RateLimit(Match.allBut(Match.NOTIFICATION), 0, retryAfter, false);
  }

  static Status status(int status) {
    return new Status(Match.allBut(Match.NOTIFICATION), status);
  }

  static Reset reset() {
    return new Reset(Match.allBut(Match.NOTIFICATION));
  }

  static CloseWebSocket closeWebSocket() {
    return new CloseWebSocket(Match.allBut(Match.NOTIFICATION));
  }

  static Hang hang() {
    return new Hang(Match.any());
  }

  /** Every answer garbled this way (ws notifications included, for the kinds that can garble them). */
  static Garble garble(Garbage garbage) {
    return new Garble(Match.any(), garbage);
  }

  /** Every {@code eth_getLogs} answer empty. */
  static HideLogs hideLogs() {
    return hideLogs(Match.methods("eth_getLogs"));
  }

  static HideLogs hideLogs(Match match) {
    return new HideLogs(match, Set.of(), Set.of(), 0, Long.MAX_VALUE);
  }

  /** Every {@code eth_getLogs} answer with the data of {@code address}'s logs forged. */
  static ForgeLogData forgeLogData(String address) {
    return new ForgeLogData(Match.methods("eth_getLogs"), Set.of(address.toLowerCase()));
  }

  static WrongHeader wrongHeader(HeaderLie lie) {
    return new WrongHeader(Match.methods("eth_getBlockByNumber", "eth_getBlockByHash"), lie);
  }

  static WrongChain wrongChain(URI upstream) {
    return new WrongChain(upstream);
  }

  static Lag lag(int blocks) {
    return new Lag(blocks);
  }
}
