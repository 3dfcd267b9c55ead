package crosswatch.devnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * N anvil chains, each with the stand-in inbox and an emitter, started in parallel. {@link #close()} stops
 * every process it started; a start that fails half-way stops those already running before it throws.
 */
public final class Devnet implements AutoCloseable {
  private final List<Anvil> anvils;
  private final List<DevnetChain> chains;

  private Devnet(List<Anvil> anvils, List<DevnetChain> chains) {
    this.anvils = List.copyOf(anvils);
    this.chains = List.copyOf(chains);
  }

  /** Chains with these ids, automining (one block per transaction). */
  public static Devnet start(long... chainIds) {
    return start(Arrays.stream(chainIds).mapToObj(ChainSpec::of).toList());
  }

  public static Devnet start(List<ChainSpec> specs) {
    return start(specs, DevnetChain::install);
  }

  static Devnet start(List<ChainSpec> specs, Function<Anvil, DevnetChain> install) {
    if (new HashSet<>(specs.stream().map(ChainSpec::chainId).toList()).size() != specs.size()) {
      throw new IllegalArgumentException("duplicate chain id in " + specs);
    }
    List<Anvil> anvils = new ArrayList<>();
    List<DevnetChain> chains = new ArrayList<>();
    try {
      inParallel(specs, Anvil::start, anvils);
      inParallel(anvils, install, chains);
      return new Devnet(anvils, chains);
    } catch (RuntimeException e) {
      new Devnet(anvils, chains).close();
      throw e;
    }
  }

  /**
   * Applies {@code task} to every input at once (chains start in parallel), waits for all, and adds the results
   * in input order to {@code results}, so that a caller can stop what did start when one task failed.
   */
  private static <T, R> void inParallel(List<T> inputs, Function<T, R> task, List<R> results) {
    List<Future<R>> futures;
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      futures = inputs.stream().map(input -> executor.submit(() -> task.apply(input))).toList();
    }
    RuntimeException failure = null;
    for (Future<R> future : futures) {
      if (future.state() == Future.State.SUCCESS) {
        results.add(future.resultNow());
        continue;
      }
      Throwable cause = future.state() == Future.State.FAILED
          ? future.exceptionNow()
          : new CancellationException("devnet start was interrupted");
      if (failure == null) {
        failure = cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
      } else {
        failure.addSuppressed(cause);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** In the order of the specs. */
  public List<DevnetChain> chains() {
    return chains;
  }

  public DevnetChain chain(long chainId) {
    return chains.stream()
        .filter(chain -> chain.chainId() == chainId)
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no devnet chain " + chainId));
  }

  /** Stops every chain, in reverse start order; safe to call again. */
  @Override
  public void close() {
    chains.reversed().forEach(DevnetChain::close);
    anvils.reversed().forEach(Anvil::stop);
  }
}
