package crosswatch.devnet.proxy;

/** The malformed or odd answers {@link Fault.Garble} gives. */
public enum Garbage {
  /** The true answer cut off in the middle. */
  TRUNCATED_JSON,
  /** A proxy's error page, status 200, {@code text/html}. */
  HTML,
  /** The true answer under another {@code id} (over ws the caller's request is left unanswered). */
  WRONG_ID,
  /** The true answer with mistyped fields: {@code "number": 12}, {@code "result": {}} for a list, and so on. */
  WRONG_TYPES,
  /** A batch's answers in reverse order: legal, answers are matched by id. Single answers stay as they are. */
  REVERSED_BATCH,
  /** One answer twice: a batch with an extra copy of its first answer; a single answer sent twice over ws. */
  DUPLICATE_ANSWER
}
