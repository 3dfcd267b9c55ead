package crosswatch.store;

/**
 * Whether the sites that reached a verdict on a message (other than pending) reached the same one. A site still
 * pending has no say: it has not seen enough yet. Disagreement is how a provider that lies to one site, or a site's
 * broken endpoint, shows up: the other sites' verdicts stand beside it.
 */
public enum Agreement {
  /** Two or more sites reached a verdict, all the same status and reason. */
  AGREE("agree"),
  /** Two or more sites reached verdicts that differ in status or reason. */
  DISAGREE("disagree"),
  /** At most one site reached a verdict so far (a deployment of one site always). */
  SINGLE_SITE("single-site");

  private final String wireName;

  Agreement(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Agreement fromWireName(String name) {
    for (Agreement a : values()) {
      if (a.wireName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown agreement: " + name);
  }
}
