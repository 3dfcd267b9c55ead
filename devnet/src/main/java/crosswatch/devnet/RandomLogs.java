package crosswatch.devnet;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.web3j.utils.Numeric;

/** Initiating logs for the traffic generator: random, so that payloads and message hashes differ. */
final class RandomLogs {
  private RandomLogs() {}

  /** 1 to 3 logs, each of 1 to 3 topics and 0 to 64 bytes of data. */
  static List<RawLog> batch(RandomGenerator random) {
    return IntStream.range(0, 1 + random.nextInt(3))
        .mapToObj(i -> RawLog.of(
            IntStream.range(0, 1 + random.nextInt(3)).mapToObj(t -> Numeric.toHexString(bytes(random, 32))).toList(),
            bytes(random, random.nextInt(65))))
        .toList();
  }

  private static byte[] bytes(RandomGenerator random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }
}
