package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import io.reactivex.disposables.Disposable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.websocket.events.NewHead;

/**
 * Follows {@code newHeads} notifications of a ws(s) endpoint. A silence longer than {@code silence} is answered
 * by asking for the latest header, which also reopens a dropped connection; the subscription is then renewed.
 * Each time a subscription starts, the latest header is asked for at once: a block made between the scanner's last
 * look at the chain and the subscription taking effect is announced by nobody, and would otherwise wait for the
 * silence to end (or for the next block, on a quiet chain).
 */
final class SubscribedHeads implements HeadSource {
  private static final Logger log = LoggerFactory.getLogger(SubscribedHeads.class);

  private final long chainId;
  private final WebSocketTransport transport;
  private final ChainRpc rpc;
  private final Duration silence;
  private final LinkedBlockingQueue<Seen> arrived = new LinkedBlockingQueue<>();
  private volatile Disposable subscription;
  private volatile boolean closed;

  SubscribedHeads(long chainId, WebSocketTransport transport, ChainRpc rpc, Duration silence) {
    this.chainId = chainId;
    this.transport = transport;
    this.rpc = rpc;
    this.silence = silence;
  }

  @Override
  public List<Seen> next() throws ChainUnavailable, InterruptedException {
    if (subscribe()) {
      try {
        return List.of(new Seen(rpc.latestHeader(), Instant.now()));
      } catch (ChainUnavailable e) {
        // Subscribe again next time, so that the look that closes the gap is not skipped.
        subscription.dispose();
        throw e;
      }
    }
    Seen first = arrived.poll(silence.toNanos(), TimeUnit.NANOSECONDS);
    if (first == null) {
      return List.of(new Seen(rpc.latestHeader(), Instant.now()));
    }
    var seen = new ArrayList<Seen>(List.of(first));
    arrived.drainTo(seen);
    return seen;
  }

  /** Subscribes unless a subscription is running; returns whether it started one. */
  private boolean subscribe() throws ChainUnavailable {
    Disposable current = subscription;
    if (current != null && !current.isDisposed()) {
      return false;
    }
    try {
      subscription = transport.newHeads().subscribe(
          notification -> accept(notification.getParams().getResult()),
          // A failed stream is disposed by RxJava itself: the next call subscribes again.
          error -> {
            if (!closed) {
              log.warn("new heads subscription ended chainId={} error={}", chainId, error.getMessage());
            }
          });
    } catch (RpcFailure e) {
      throw new ChainUnavailable(chainId, "cannot subscribe to new heads: " + e.getMessage(), e);
    }
    return true;
  }

  private void accept(NewHead head) {
    try {
      var json = new RpcAnswers.HeaderJson(head.getNumber(), head.getHash(), head.getParentHash(), head.getTimestamp(),
          head.getLogsBloom());
      arrived.add(new Seen(RpcAnswers.header(json), Instant.now()));
    } catch (RpcFailure e) {
      log.warn("garbled new head ignored chainId={} error={}", chainId, e.getMessage());
    }
  }

  /** Closing the connection ends the subscription: an unsubscribe request now would only fail. */
  @Override
  public void close() {
    closed = true;
  }
}
