package io.flightdeck.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.flightdeck.aggregator.archfixture.first.First;
import io.flightdeck.aggregator.archfixture.second.Second;
import io.flightdeck.billing.archfixture.ReadsKeysLoosely;
import io.flightdeck.billing.archfixture.UsesTheContract;
import io.flightdeck.flags.archfixture.FlagsKnowingAService;
import io.flightdeck.inflight.archfixture.ReadsPostflightRows;
import io.flightdeck.postflight.archfixture.StoredRow;
import io.flightdeck.record.archfixture.ContractKnowingAService;
import io.flightdeck.record.archfixture.ContractType;
import io.flightdeck.servers.archfixture.LauncherKnowingAService;
import org.junit.jupiter.api.Test;

/**
 * Each module rule against fixture classes (test sources, packages {@code …archfixture}) that break
 * it, so a rule that passes on the real code is known to be able to fail.
 */
class RulesCatchViolationsTest {
  @Test
  void aServiceImportingAnotherServiceIsCaught() {
    assertCaught(
        ModuleRules.SERVICES_DO_NOT_IMPORT_EACH_OTHER,
        "ReadsPostflightRows",
        ReadsPostflightRows.class,
        StoredRow.class);
  }

  @Test
  void aServiceImportingTheContractIsAllowed() {
    EvaluationResult result =
        evaluate(
            ModuleRules.SERVICES_DO_NOT_IMPORT_EACH_OTHER,
            UsesTheContract.class,
            ContractType.class);
    assertThat(result.hasViolation()).isFalse();
    result =
        evaluate(
            ModuleRules.CONTRACT_IMPORTS_NO_SERVICE, UsesTheContract.class, ContractType.class);
    assertThat(result.hasViolation()).isFalse();
  }

  @Test
  void theContractImportingAServiceIsCaught() {
    assertCaught(
        ModuleRules.CONTRACT_IMPORTS_NO_SERVICE,
        "ContractKnowingAService",
        ContractKnowingAService.class,
        StoredRow.class);
  }

  @Test
  void aSharedLibraryImportingAServiceIsCaught() {
    assertCaught(
        ModuleRules.SHARED_LIBRARIES_IMPORT_NO_SERVICE,
        "FlagsKnowingAService",
        FlagsKnowingAService.class,
        StoredRow.class);
  }

  @Test
  void theLauncherImportingAServiceIsCaught() {
    assertCaught(
        ModuleRules.SERVERS_IMPORT_NO_SERVICE,
        "LauncherKnowingAService",
        LauncherKnowingAService.class,
        StoredRow.class);
  }

  @Test
  void twoPackagesImportingEachOtherAreCaught() {
    assertCaught(
        ModuleRules.PACKAGES_ARE_FREE_OF_CYCLES, "Cycle detected", First.class, Second.class);
  }

  @Test
  void aFlightdeckKeyReadThroughConfigPropertyIsCaught() {
    EvaluationResult result =
        evaluate(ModuleRules.FLIGHTDECK_KEYS_ARE_MAPPED, ReadsKeysLoosely.class);
    assertThat(result.getFailureReport().getDetails())
        .as("one violation per flightdeck.* key, none for the client library's key")
        .hasSize(2)
        .anyMatch(line -> line.contains("flightdeck.example.field"))
        .anyMatch(line -> line.contains("flightdeck.example.parameter"))
        .noneMatch(line -> line.contains("kafka.bootstrap.servers"));
  }

  private static void assertCaught(ArchRule rule, String named, Class<?>... fixtures) {
    EvaluationResult result = evaluate(rule, fixtures);
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    assertThat(result.getFailureReport().toString()).contains(named);
  }

  private static EvaluationResult evaluate(ArchRule rule, Class<?>... fixtures) {
    return rule.evaluate(new ClassFileImporter().importClasses(fixtures));
  }
}
