package io.flightdeck.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Collectors;

/** The module rules ({@link ModuleRules}) over the main classes of every module. */
@AnalyzeClasses(packages = "io.flightdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule servicesDoNotImportEachOther =
      ModuleRules.SERVICES_DO_NOT_IMPORT_EACH_OTHER;

  @ArchTest
  static final ArchRule contractImportsNoService = ModuleRules.CONTRACT_IMPORTS_NO_SERVICE;

  @ArchTest
  static final ArchRule sharedLibrariesImportNoService =
      ModuleRules.SHARED_LIBRARIES_IMPORT_NO_SERVICE;

  @ArchTest static final ArchRule serversImportNoService = ModuleRules.SERVERS_IMPORT_NO_SERVICE;

  @ArchTest static final ArchRule packagesAreFreeOfCycles = ModuleRules.PACKAGES_ARE_FREE_OF_CYCLES;

  @ArchTest static final ArchRule flightdeckKeysAreMapped = ModuleRules.FLIGHTDECK_KEYS_ARE_MAPPED;

  /** Rules over a module whose classes are missing would pass unseen: every module must be read. */
  @ArchTest
  static void everyModuleIsAnalysed(JavaClasses classes) {
    var packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    assertThat(packages)
        .as("packages read from the modules' main classes")
        .contains(
            "io.flightdeck.record",
            "io.flightdeck.event",
            "io.flightdeck.api",
            "io.flightdeck.rest.errors",
            "io.flightdeck.auth",
            "io.flightdeck.flags",
            "io.flightdeck.copies",
            "io.flightdeck.servers",
            "io.flightdeck.inflight.lifecycle",
            "io.flightdeck.postflight.store",
            "io.flightdeck.aggregator.paging",
            "io.flightdeck.billing",
            "io.flightdeck.stack",
            "io.flightdeck.benchmarks");
    assertThat(packages)
        .as("test classes (and the rules' fixtures) are not analysed")
        .noneMatch(p -> p.contains("archfixture"));
  }
}
