package crosswatch.store;

import java.util.Comparator;
import java.util.Objects;

/**
 * Who wrote a record's current status and when, on a hybrid logical clock. The latest stamp wins a merge;
 * ties go to the greater writer name, so every replica picks the same winner.
 */
public record Stamp(long hlc, String writer) implements Comparable<Stamp> {
  /** Before any stamp: the verdict of a site that has not looked at a message yet. */
  public static final Stamp NONE = new Stamp(0, "");

  private static final Comparator<Stamp> ORDER =
      Comparator.comparingLong(Stamp::hlc).thenComparing(Stamp::writer);

  public Stamp {
    Objects.requireNonNull(writer, "writer");
  }

  @Override
  public int compareTo(Stamp o) {
    return ORDER.compare(this, o);
  }
}
