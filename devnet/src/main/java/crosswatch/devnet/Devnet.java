package crosswatch.devnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * N anvil chains, each with the stand-in inbox and an emitter. {@link #close()} stops every process it
 * started; a start that fails half-way stops those already running before it throws.
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
      for (ChainSpec spec : specs) {
        Anvil anvil = Anvil.start(spec);
        anvils.add(anvil);
        chains.add(install.apply(anvil));
      }
      return new Devnet(anvils, chains);
    } catch (RuntimeException e) {
      new Devnet(anvils, chains).close();
      throw e;
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
