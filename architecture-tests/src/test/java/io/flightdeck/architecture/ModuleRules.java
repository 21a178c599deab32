package io.flightdeck.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;

/**
 * How Flightdeck's modules may depend on each other, as ArchUnit rules over class files. Each rule
 * says why it holds and how to mend a violation; {@link ArchitectureTest} checks them against every
 * module's main classes, {@link RulesCatchViolationsTest} against fixtures that break them.
 */
final class ModuleRules {
  private ModuleRules() {}

  /** The root package of each service; a service is a process of its own, deployed on its own. */
  static final List<String> SERVICES =
      List.of(
          "io.flightdeck.inflight",
          "io.flightdeck.postflight",
          "io.flightdeck.aggregator",
          "io.flightdeck.billing");

  /** The packages of record-contract: the record model, the events and the error body. */
  static final String[] CONTRACT = {
    "io.flightdeck.record..", "io.flightdeck.event..", "io.flightdeck.api.."
  };

  /**
   * The libraries services share besides the contract: rest-errors, service-auth, account-flags,
   * event-copies.
   */
  static final String[] SHARED_LIBRARIES = {
    "io.flightdeck.rest.errors..",
    "io.flightdeck.auth..",
    "io.flightdeck.flags..",
    "io.flightdeck.copies.."
  };

  static final ArchRule SERVICES_DO_NOT_IMPORT_EACH_OTHER =
      slices()
          .assignedFrom(new ByService())
          .should()
          .notDependOnEachOther()
          .because(
              "services are deployed and changed independently and reach each other only through"
                  + " their APIs and Kafka topics; a type two services need belongs in record-contract"
                  + " (or in a shared library), from where both import it, never in one of them");

  static final ArchRule CONTRACT_IMPORTS_NO_SERVICE =
      noClasses()
          .that()
          .resideInAnyPackage(CONTRACT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(servicePackages())
          .because(
              "record-contract is the language every service depends on and must not know any of"
                  + " them; move the code that needs the service into that service, or move the type"
                  + " the contract needs into record-contract");

  static final ArchRule SHARED_LIBRARIES_IMPORT_NO_SERVICE =
      noClasses()
          .that()
          .resideInAnyPackage(SHARED_LIBRARIES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(servicePackages())
          .because(
              "rest-errors, service-auth, account-flags and event-copies are used by several"
                  + " services; let the"
                  + " service pass in what the library needs (a parameter, an interface it implements,"
                  + " configuration) instead of the library importing the service");

  static final ArchRule SERVERS_IMPORT_NO_SERVICE =
      noClasses()
          .that()
          .resideInAPackage("io.flightdeck.servers..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(servicePackages())
          .because(
              "deploy/servers starts services as processes from their built artifacts, for the"
                  + " stack and for the services' own tests; it reaches a service by its port and"
                  + " configuration keys, never its classes, or a service's tests would need the"
                  + " service they test already built");

  static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES =
      slices()
          .matching("io.flightdeck.(**)")
          .should()
          .beFreeOfCycles()
          .because(
              "packages are named for concepts, and two packages that import each other are one"
                  + " concept that can be read, tested or moved only as a whole; move the type both"
                  + " need into the package that owns the idea (usually the one the other builds on),"
                  + " or merge the two packages");

  static final ArchRule FLIGHTDECK_KEYS_ARE_MAPPED =
      classes()
          .should(new ReadNoFlightdeckKeyLoosely())
          .because(
              "every flightdeck.* key is declared once, typed and documented, in a @ConfigMapping"
                  + " interface (WriteConfig, AuthConfig…), where the README's configuration table"
                  + " and a reader find it; add the key to the mapping of its prefix (or a new one)"
                  + " and inject the mapping instead of @ConfigProperty");

  private static String[] servicePackages() {
    return SERVICES.stream().map(root -> root + "..").toArray(String[]::new);
  }

  /** One slice per service; classes of other modules are in none. */
  private static final class ByService implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String name = javaClass.getPackageName();
      return SERVICES.stream()
          .filter(root -> name.equals(root) || name.startsWith(root + "."))
          .findFirst()
          .map(root -> SliceIdentifier.of(root.substring(root.lastIndexOf('.') + 1)))
          .orElse(SliceIdentifier.ignore());
    }

    @Override
    public String getDescription() {
      return "the services (" + String.join(", ", SERVICES) + ")";
    }
  }

  /**
   * No field or parameter is a {@code @ConfigProperty} whose name starts with {@code flightdeck.}.
   */
  private static final class ReadNoFlightdeckKeyLoosely extends ArchCondition<JavaClass> {
    private static final String CONFIG_PROPERTY =
        "org.eclipse.microprofile.config.inject.ConfigProperty";

    ReadNoFlightdeckKeyLoosely() {
      super("read no flightdeck.* key through @ConfigProperty");
    }

    @Override
    public void check(JavaClass javaClass, ConditionEvents events) {
      for (JavaField field : javaClass.getFields()) {
        field.getAnnotations().forEach(a -> report(a, field.getFullName(), events));
      }
      for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
        unit.getParameters()
            .forEach(p -> p.getAnnotations().forEach(a -> report(a, unit.getFullName(), events)));
      }
    }

    private static void report(JavaAnnotation<?> annotation, String where, ConditionEvents events) {
      if (!annotation.getRawType().getName().equals(CONFIG_PROPERTY)) {
        return;
      }
      String key = annotation.get("name").map(Object::toString).orElse("");
      if (key.startsWith("flightdeck.")) {
        events.add(
            SimpleConditionEvent.violated(
                annotation, where + " reads " + key + " through @ConfigProperty"));
      }
    }
  }
}
