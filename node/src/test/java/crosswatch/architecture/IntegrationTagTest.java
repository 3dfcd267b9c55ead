package crosswatch.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps the split of the suite true: {@code mvn test} runs unit and property tests only, and every test class that
 * starts a process (anvil, a node JVM, Prometheus, a browser, a container), directly or through a helper, carries
 * {@code @Tag("integration")} (on itself or an enclosing class), so that surefire leaves it to failsafe in
 * {@code verify}. A process is recognised by a dependency, however indirect, on {@link ProcessBuilder}. The devnet
 * and image modules' test classes are checked too when they are compiled (they are in a reactor build).
 */
class IntegrationTagTest {
  static final String TAG = "integration";
  private static final String FIXTURES = "crosswatch.architecture.fixture";
  /** By name: a class literal would make this test itself depend on it. */
  private static final String PROCESS_BUILDER = "java.lang.ProcessBuilder";
  private static final Set<String> TEST_ANNOTATIONS = Set.of("org.junit.jupiter.api.Test",
      "org.junit.jupiter.params.ParameterizedTest", "net.jqwik.api.Property", "net.jqwik.api.Example",
      "org.junit.jupiter.api.RepeatedTest", "org.junit.jupiter.api.TestFactory");

  @Test
  void everyTestClassThatStartsAProcessIsTaggedIntegration() {
    var locations = new HashSet<>(Locations.ofPackage("crosswatch"));
    for (String module : List.of("devnet", "image")) {
      Path testClasses = Path.of(System.getProperty("crosswatch.devnet.dir", "../devnet"), "..", module, "target",
          "test-classes").normalize();
      if (Files.isDirectory(testClasses)) {
        locations.add(Location.of(testClasses));
      }
    }
    // One import, so that a dependency is followed across modules (a devnet test through a devnet helper).
    JavaClasses classes = new ClassFileImporter().importLocations(locations);
    Set<String> starting = startingProcesses(classes);
    var untagged = new TreeSet<String>();
    for (JavaClass c : classes) {
      if (!c.getPackageName().equals(FIXTURES) && isTestClass(c) && starting.contains(c.getName()) && !tagged(c)) {
        untagged.add(c.getName());
      }
    }
    assertThat(untagged).as("test classes that start processes without @Tag(\"%s\")", TAG).isEmpty();
  }

  @Test
  void aUnitTestIsNotTaken() {
    JavaClass unit = new ClassFileImporter().importPackages("crosswatch.architecture").get(PackageMapTest.class);
    assertThat(isTestClass(unit)).isTrue();
    assertThat(startsProcesses(unit)).isFalse();
  }

  @Test
  void aTestClassReachingProcessBuilderThroughAHelperIsTakenUnlessTagged() {
    JavaClass untagged = new ClassFileImporter().importPackages(FIXTURES)
        .get(FIXTURES + ".StartsThroughAHelper");
    assertThat(isTestClass(untagged)).isTrue();
    assertThat(startsProcesses(untagged)).isTrue();
    assertThat(tagged(untagged)).isFalse();
    assertThat(tagged(new ClassFileImporter().importPackages("crosswatch.faults")
        .get("crosswatch.faults.HttpFaultsTest"))).as("tagged through its superclass").isTrue();
  }

  private static boolean isTestClass(JavaClass c) {
    return c.getMethods().stream().map(JavaMethod::getAnnotations).flatMap(Set::stream)
        .anyMatch(a -> TEST_ANNOTATIONS.contains(a.getRawType().getName()));
  }

  private static boolean startsProcesses(JavaClass c) {
    return c.getTransitiveDependenciesFromSelf().stream().map(Dependency::getTargetClass)
        .anyMatch(t -> t.getName().equals(PROCESS_BUILDER));
  }

  /**
   * The names of the classes that depend on {@link ProcessBuilder}, however indirectly: found backwards from it,
   * each dependency looked at once (what {@link #startsProcesses} does class by class, far faster for them all).
   */
  private static Set<String> startingProcesses(JavaClasses classes) {
    var dependents = new HashMap<String, Set<String>>();
    for (JavaClass c : classes) {
      c.getDirectDependenciesFromSelf().forEach(d -> dependents
          .computeIfAbsent(d.getTargetClass().getName(), n -> new HashSet<>()).add(c.getName()));
    }
    var reached = new HashSet<String>();
    var todo = new ArrayDeque<>(List.of(PROCESS_BUILDER));
    while (!todo.isEmpty()) {
      for (String dependent : dependents.getOrDefault(todo.pop(), Set.of())) {
        if (reached.add(dependent)) {
          todo.push(dependent);
        }
      }
    }
    return reached;
  }

  /** Tagged itself, or through an enclosing class or a superclass (JUnit inherits both). */
  private static boolean tagged(JavaClass c) {
    if (c.tryGetAnnotationOfType(Tag.class).map(t -> t.value().equals(TAG)).orElse(false)) {
      return true;
    }
    return c.getEnclosingClass().map(IntegrationTagTest::tagged).orElse(false)
        || c.getRawSuperclass().map(IntegrationTagTest::tagged).orElse(false);
  }
}
