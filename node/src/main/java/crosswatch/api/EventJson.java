package crosswatch.api;

import crosswatch.store.MessageEvents;

/**
 * One status change as the event stream sends it.
 *
 * @param id the change's sequence number on this replica, as a decimal string (also the SSE {@code id:})
 * @param kind {@code new}, {@code verdict}, {@code final} or {@code safety}
 * @param previousStatus the agreed status before the change; null for a new message
 */
public record EventJson(String id, String kind, String previousStatus, MessageJson message) {

  /**
   * What a change is, or null when only bookkeeping changed (such as {@code lastCheckedAt}) or the record expired.
   * A change that is several at once is named by the first of new, verdict, final, safety.
   */
  static String kindOf(MessageEvents.Change change) {
    if (change.isRemoval()) {
      return null;
    }
    if (change.isNew()) {
      return "new";
    }
    if (change.verdictChanged()) {
      return "verdict";
    }
    if (change.becameFinal()) {
      return "final";
    }
    return change.safetyChanged() ? "safety" : null;
  }

  static EventJson of(long id, String kind, MessageEvents.Change change, String localSite) {
    return new EventJson(Long.toString(id), kind,
        change.isNew() ? null : change.before().agreed().status().wireName(),
        MessageJson.of(change.after(), localSite));
  }
}
