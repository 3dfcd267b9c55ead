package crosswatch.store;

/**
 * A 32-byte hash (block, transaction, message payload) held as four words. Its text form, used everywhere outside
 * the heap (the API, logs, the wire and the stores), is {@code 0x} and 64 lowercase hex digits.
 *
 * <p>Why not the text itself: a record holds three hashes, and a 66-character string costs 112 heap bytes where
 * this costs 48; at hundreds of thousands of records per replica that is most of the difference between the
 * record fitting in a kilobyte or not. Comparing words is also cheaper than comparing text, and orders the same.
 */
public record Hash32(long w0, long w1, long w2, long w3) implements Comparable<Hash32> {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  /**
   * Reads the text form; throws {@link IllegalArgumentException} naming {@code what} unless it is {@code 0x} and
   * 64 lowercase hex digits.
   */
  public static Hash32 parse(String text, String what) {
    if (text == null || text.length() != 66 || text.charAt(0) != '0' || text.charAt(1) != 'x') {
      throw notAHash(text, what);
    }
    long[] words = new long[4];
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(2 + i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else {
        throw notAHash(text, what);
      }
      words[i / 16] = (words[i / 16] << 4) | digit;
    }
    return new Hash32(words[0], words[1], words[2], words[3]);
  }

  /** {@link #parse} for a hash that may be absent: null stays null. */
  public static Hash32 parseNullable(String text, String what) {
    return text == null ? null : parse(text, what);
  }

  /** The text form of {@code hash}, or null for null. */
  public static String text(Hash32 hash) {
    return hash == null ? null : hash.toString();
  }

  private static IllegalArgumentException notAHash(String text, String what) {
    return new IllegalArgumentException(what + " must be 0x + 64 lowercase hex: " + text);
  }

  @Override
  public int compareTo(Hash32 o) {
    int c = Long.compareUnsigned(w0, o.w0);
    if (c == 0) {
      c = Long.compareUnsigned(w1, o.w1);
    }
    if (c == 0) {
      c = Long.compareUnsigned(w2, o.w2);
    }
    return c != 0 ? c : Long.compareUnsigned(w3, o.w3);
  }

  /** {@code 0x} and 64 lowercase hex digits. */
  @Override
  public String toString() {
    char[] text = new char[66];
    text[0] = '0';
    text[1] = 'x';
    long[] words = {w0, w1, w2, w3};
    for (int i = 0; i < 64; i++) {
      text[2 + i] = DIGITS[(int) (words[i / 16] >>> (60 - 4 * (i % 16))) & 0xf];
    }
    return new String(text);
  }
}
