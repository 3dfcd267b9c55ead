package crosswatch.protocol;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;
import org.web3j.utils.Numeric;

/** Strict hex input and fixed-width unsigned words, shared by the decoder, the hashes and the access list. */
final class Words {

  static final int WORD = 32;
  static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  // Numeric.hexStringToByteArray accepts any character (Character.digit yields -1) and odd lengths, so input
  // from the wire is checked against this first.
  private static final Pattern STRICT_HEX = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");

  private Words() {}

  /** The bytes of {@code 0x}-prefixed, even-length hex in any case; empty for anything else, null included. */
  static Optional<byte[]> strictHex(String hex) {
    if (hex == null || !STRICT_HEX.matcher(hex).matches()) {
      return Optional.empty();
    }
    return Optional.of(Numeric.hexStringToByteArray(hex));
  }

  /** Whether {@code value} is an unsigned integer of at most {@code bits} bits. */
  static boolean fitsUnsigned(BigInteger value, int bits) {
    return value.signum() >= 0 && value.bitLength() <= bits;
  }

  /** Whether {@code bytes[from, to)} are all zero. */
  static boolean zeros(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code value} as {@code size} big-endian bytes; it must fit. */
  static byte[] unsignedBytes(BigInteger value, int size) {
    if (!fitsUnsigned(value, size * 8)) {
      throw new IllegalArgumentException(value + " does not fit uint" + size * 8);
    }
    return Numeric.toBytesPadded(value, size);
  }

  /** The unsigned integer held in {@code bytes[from, from + length)}. */
  static BigInteger unsignedAt(byte[] bytes, int from, int length) {
    return Numeric.toBigInt(bytes, from, length);
  }

  static String hex(byte[] bytes) {
    return Numeric.toHexString(bytes);
  }

  /** Exactly {@code length} bytes of strict hex. */
  static byte[] fixed(String hex, int length) {
    return strictHex(hex).filter(b -> b.length == length).orElseThrow(
        () -> new IllegalArgumentException("expected " + length + " bytes of 0x-prefixed hex, got " + hex));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
