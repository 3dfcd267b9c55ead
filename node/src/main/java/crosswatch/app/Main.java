package crosswatch.app;

/** Entry point of {@code java -jar crosswatch.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("crosswatch: not wired yet");
  }
}
