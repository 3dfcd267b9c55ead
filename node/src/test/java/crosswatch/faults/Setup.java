package crosswatch.faults;

/**
 * How a {@link ProxiedNode} reaches the faulty chain.
 *
 * @param overWebSocket through the proxy over ws (else http)
 * @param wrongChain a chain of another id runs too, for the proxy to switch to
 * @param honestSecondEndpoint the node is also given the faulty chain's own ws endpoint, after the proxied one
 */
record Setup(boolean overWebSocket, boolean wrongChain, boolean honestSecondEndpoint) {
  static Setup http() {
    return new Setup(false, false, false);
  }

  static Setup ws() {
    return new Setup(true, false, false);
  }

  Setup withWrongChain() {
    return new Setup(overWebSocket, true, honestSecondEndpoint);
  }

  Setup withHonestSecondEndpoint() {
    return new Setup(overWebSocket, wrongChain, true);
  }

  String transport() {
    return (overWebSocket ? "ws" : "http") + (honestSecondEndpoint ? " + honest ws" : "");
  }
}
