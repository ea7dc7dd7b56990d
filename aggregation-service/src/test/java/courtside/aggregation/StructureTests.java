package courtside.aggregation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The service as a straight stack (issue 16), so that a reader can follow an event or a request downwards only:
 * <ol>
 *   <li>{@code cache} (the Redis connection, where an answer came from) and {@code query} (the season a read model
 *       is asked for), used by everything;</li>
 *   <li>{@code ledger}: the ledgers in Redis, applied, loaded and read by atomic scripts;</li>
 *   <li>{@code source}: every read of PostgreSQL, handed over as the ledger's value types;</li>
 *   <li>{@code rebuild}: loads ledgers from the source and announces what it loaded, never calls up;</li>
 *   <li>the read models ({@code average}, {@code leaders}, {@code directory}, {@code games}, {@code live}), then
 *       {@code retention} which forgets their retired seasons;</li>
 *   <li>{@code ingest} and the web layer on top.</li>
 * </ol>
 */
class StructureTests {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(StructureTests::writtenByHand)
            .importPackages("courtside.aggregation");

    /**
     * Spring AOT's generated registrations ({@code X__BeanDefinitions}, left in target/classes by a build that ran
     * process-aot) reach into every package from the application's; they are no part of the structure.
     */
    private static boolean writtenByHand(Location location) {
        return !location.contains("__");
    }

    @Test
    void noPackageCycles() {
        slices().matching("courtside.aggregation.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void lowerLayersNeverImportHigherOnes() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Cache").definedBy("courtside.aggregation.cache..", "courtside.aggregation.query..")
                .layer("Ledger").definedBy("courtside.aggregation.ledger..")
                .layer("Source").definedBy("courtside.aggregation.source..")
                .layer("Rebuild").definedBy("courtside.aggregation.rebuild..")
                .layer("ReadModels").definedBy("courtside.aggregation.average..", "courtside.aggregation.leaders..",
                        "courtside.aggregation.directory..", "courtside.aggregation.games..", "courtside.aggregation.live..")
                .layer("Retention").definedBy("courtside.aggregation.retention..")
                .layer("Ingest").definedBy("courtside.aggregation.ingest..")
                .layer("Web").definedBy("courtside.aggregation.web..", "courtside.aggregation.ratelimit..")
                .whereLayer("Web").mayNotBeAccessedByAnyLayer()
                .whereLayer("Ingest").mayNotBeAccessedByAnyLayer()
                .whereLayer("Retention").mayOnlyBeAccessedByLayers("Ingest", "Web")
                .whereLayer("ReadModels").mayOnlyBeAccessedByLayers("Retention", "Ingest", "Web")
                .whereLayer("Rebuild").mayOnlyBeAccessedByLayers("ReadModels", "Retention", "Ingest", "Web")
                .whereLayer("Source").mayOnlyBeAccessedByLayers("Rebuild", "ReadModels", "Retention", "Ingest", "Web")
                .whereLayer("Ledger").mayOnlyBeAccessedByLayers("Source", "Rebuild", "ReadModels", "Retention", "Ingest", "Web")
                .check(SERVICE);
    }
}
