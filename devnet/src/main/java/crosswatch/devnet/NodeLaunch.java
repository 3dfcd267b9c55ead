package crosswatch.devnet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code crosswatch.jar} on the JDK running this JVM without a JVM warning on its console.
 *
 * <p>The jar's manifest grants native access ({@code Enable-Native-Access}). What no manifest can say is that
 * Infinispan's ProtoStream may use {@code sun.misc.Unsafe}'s memory access: JDK 24 and later warn on its first use
 * unless started with {@code --sun-misc-unsafe-memory-access=allow}. The JDK reads that mode once, as it boots, so
 * nothing inside the JVM (main class, launcher agent) can set it; JDK 21 and 22 do not know the option and refuse
 * to start with it, so it is added from JDK 23 on, where it exists.
 */
public final class NodeLaunch {
  /** The first JDK that knows {@code --sun-misc-unsafe-memory-access}. */
  private static final int UNSAFE_OPTION_SINCE = 23;

  private NodeLaunch() {}

  /** {@code java [options] -jar <jar> <flags>} with this JVM's own {@code java}. */
  public static List<String> javaJar(Path jar, List<String> flags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(flags);
    return command;
  }

  /** The options that keep this JVM's JDK quiet about what Crosswatch's libraries do. */
  public static List<String> jvmOptions() {
    return jvmOptions(Runtime.version().feature());
  }

  /** The options that keep a JDK of this feature release quiet about what Crosswatch's libraries do. */
  static List<String> jvmOptions(int feature) {
    return feature >= UNSAFE_OPTION_SINCE ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
  }
}
