package crosswatch.store.proto;

import java.time.Instant;

/**
 * Shares values that repeat as records are read off the wire, so a replica holding many records keeps one copy of
 * each writer name and origin address, and one instant where a record's times coincide, instead of one per field.
 * Equality is unchanged; only identity is shared.
 */
final class Canonical {
  private Canonical() {}

  /** Writer names and origin addresses: few distinct values, which the JVM's string table holds weakly. */
  static String text(String value) {
    return value.intern();
  }

  /** {@code candidate} itself, or {@code shared} when they are equal. */
  static Instant instant(Instant candidate, Instant shared) {
    return candidate.equals(shared) ? shared : candidate;
  }
}
