package courtside.stats;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure of stats-service: package by feature, no package cycles, and the web layer on top (it may
 * see every feature; no feature may see it). Plain ArchUnit on the main classes, so it runs in a second and needs
 * no Spring context.
 */
class StructureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(StructureTests::writtenByHand)
                .importPackages("courtside.stats");
    }

    /**
     * Spring AOT's generated registrations ({@code X__BeanDefinitions}, left in target/classes by a build that ran
     * process-aot) reach into every package from the application's; they are no part of the structure.
     */
    private static boolean writtenByHand(Location location) {
        return !location.contains("__");
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("courtside.stats.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noFeatureImportsTheWebLayer() {
        noClasses().that().resideInAPackage("courtside.stats.*..")
                .and().resideOutsideOfPackage("courtside.stats.web..")
                .should().dependOnClassesThat().resideInAPackage("courtside.stats.web..")
                .because("the web layer sits on top of the features: it may import them, they may not import it")
                .check(classes);
    }
}
