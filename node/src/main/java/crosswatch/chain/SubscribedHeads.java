package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Follows {@code newHeads} notifications of a ws(s) endpoint. A silence longer than {@code silence} is answered
 * by asking for the latest header; a subscription that ends (its socket dropped) is renewed at once, which reopens
 * the socket.
 * Each time a subscription starts, the latest header is asked for at once: a block made between the scanner's last
 * look at the chain and the subscription taking effect is announced by nobody, and would otherwise wait for the
 * silence to end (or for the next block, on a quiet chain).
 */
final class SubscribedHeads implements HeadSource {
  private static final Logger log = LoggerFactory.getLogger(SubscribedHeads.class);

  /** Wakes {@link #next()} when the subscription ends; never returned. */
  private static final Seen ENDED = new Seen(null, Instant.EPOCH);

  private final long chainId;
  private final WebSocketTransport transport;
  private final ChainRpc rpc;
  private final Duration silence;
  private final LinkedBlockingQueue<Seen> arrived = new LinkedBlockingQueue<>();
  private volatile WebSocketTransport.Subscription subscription;
  private volatile boolean closed;

  SubscribedHeads(long chainId, WebSocketTransport transport, ChainRpc rpc, Duration silence) {
    this.chainId = chainId;
    this.transport = transport;
    this.rpc = rpc;
    this.silence = silence;
  }

  @Override
  public List<Seen> next() throws ChainUnavailable, InterruptedException {
    while (true) {
      if (subscribe()) {
        try {
          return List.of(new Seen(rpc.latestHeader(), Instant.now()));
        } catch (ChainUnavailable e) {
          // Subscribe again next time, so that the look that closes the gap is not skipped.
          subscription.close();
          throw e;
        }
      }
      Seen first = arrived.poll(silence.toNanos(), TimeUnit.NANOSECONDS);
      if (first == null) {
        return List.of(new Seen(rpc.latestHeader(), Instant.now()));
      }
      var seen = new ArrayList<Seen>(List.of(first));
      arrived.drainTo(seen);
      seen.removeIf(s -> s == ENDED);
      if (!seen.isEmpty()) {
        return seen;
      }
      // Only the news that the subscription ended: subscribe again at once rather than after the silence.
    }
  }

  /** Subscribes unless a subscription is running; returns whether it started one. */
  private boolean subscribe() throws ChainUnavailable {
    WebSocketTransport.Subscription current = subscription;
    if (current != null && !current.ended()) {
      return false;
    }
    try {
      subscription = transport.subscribe("newHeads", this::accept, failure -> {
        if (!closed) {
          log.warn("new heads subscription ended chainId={} error={}", chainId, failure.getMessage());
          arrived.add(ENDED);
        }
      });
    } catch (RpcFailure e) {
      throw new ChainUnavailable(chainId, "cannot subscribe to new heads: " + e.getMessage(), e);
    }
    return true;
  }

  private void accept(JsonNode head) {
    try {
      RpcAnswers.HeaderJson json = JsonRpcCodec.JSON.treeToValue(head, RpcAnswers.HeaderJson.class);
      if (json == null) {
        throw RpcFailure.garbled("no header");
      }
      arrived.add(new Seen(RpcAnswers.header(json), Instant.now()));
    } catch (RpcFailure e) {
      log.warn("garbled new head ignored chainId={} error={}", chainId, e.getMessage());
    } catch (JacksonException e) {
      log.warn("garbled new head ignored chainId={} error=not a header", chainId);
    }
  }

  /** Closing the connection ends the subscription: an unsubscribe request now would only fail. */
  @Override
  public void close() {
    closed = true;
  }
}
