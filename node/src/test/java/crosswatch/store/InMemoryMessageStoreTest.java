package crosswatch.store;

class InMemoryMessageStoreTest extends MessageStoreTck {
  @Override
  protected MessageStore newStore() {
    return new InMemoryMessageStore();
  }
}
