package crosswatch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package map stays as the README draws it: protocol, then store, judge, chain, then api, metrics, cluster and
 * config, and app on top wiring them; data flows one way, so no package depends back on one above it.
 */
class PackageMapTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("crosswatch");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("crosswatch.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void protocolIsPureAndDependsOnNoOtherPackage() {
    noClasses().that().resideInAPackage("crosswatch.protocol..")
        .should().dependOnClassesThat().resideInAnyPackage("crosswatch.store..", "crosswatch.judge..",
            "crosswatch.chain..", "crosswatch.cluster..", "crosswatch.api..", "crosswatch.metrics..",
            "crosswatch.config..", "crosswatch.app..")
        .check(CLASSES);
  }

  @Test
  void theStoreKnowsOnlyTheProtocol() {
    noClasses().that().resideInAPackage("crosswatch.store..")
        .should().dependOnClassesThat().resideInAnyPackage("crosswatch.judge..", "crosswatch.chain..",
            "crosswatch.cluster..", "crosswatch.api..", "crosswatch.metrics..", "crosswatch.config..",
            "crosswatch.app..")
        .check(CLASSES);
  }

  @Test
  void judgingKnowsNoChainTransportClusterOrApi() {
    noClasses().that().resideInAPackage("crosswatch.judge..")
        .should().dependOnClassesThat().resideInAnyPackage("crosswatch.chain..", "crosswatch.cluster..",
            "crosswatch.api..", "crosswatch.metrics..", "crosswatch.config..", "crosswatch.app..")
        .check(CLASSES);
  }

  @Test
  void chainAccessKnowsNoClusterOrApi() {
    noClasses().that().resideInAPackage("crosswatch.chain..")
        .should().dependOnClassesThat().resideInAnyPackage("crosswatch.cluster..", "crosswatch.api..",
            "crosswatch.config..", "crosswatch.app..")
        .check(CLASSES);
  }

  @Test
  void nothingButTheAppDependsOnTheApp() {
    noClasses().that().resideOutsideOfPackage("crosswatch.app..")
        .should().dependOnClassesThat().resideInAPackage("crosswatch.app..")
        .check(CLASSES);
  }
}
