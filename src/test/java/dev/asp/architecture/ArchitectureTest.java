package dev.asp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers' rules (docs/architecture.md), checked on the production classes: a change that breaks
 * one fails here naming the class and the dependency.
 */
@AnalyzeClasses(packages = "dev.asp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain is plain Java and JPA: nothing of ours outside it. */
    @ArchTest
    static final ArchRule domainDependsOnNothingOutsideDomain = noClasses().that().resideInAPackage("dev.asp.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.asp.application..", "dev.asp.infrastructure..", "dev.asp.interfaces..");

    /** Services know no HTTP, WebSocket or SCIM types. */
    @ArchTest
    static final ArchRule applicationDoesNotUseInterfaces = noClasses().that().resideInAPackage("dev.asp.application..")
            .should().dependOnClassesThat().resideInAPackage("dev.asp.interfaces..");

    @ArchTest
    static final ArchRule infrastructureDoesNotUseInterfaces = noClasses().that().resideInAPackage("dev.asp.infrastructure..")
            .should().dependOnClassesThat().resideInAPackage("dev.asp.interfaces..");

    /**
     * Infrastructure serves the application; only timers and MDBs, which start work, call into it
     * (one application service each). Events that cross the layers are domain events.
     */
    @ArchTest
    static final ArchRule infrastructureCallsTheApplicationOnlyFromTimersAndMessaging = noClasses().that()
            .resideInAPackage("dev.asp.infrastructure..")
            .and().resideOutsideOfPackages("dev.asp.infrastructure.timers..", "dev.asp.infrastructure.messaging..")
            .should().dependOnClassesThat().resideInAPackage("dev.asp.application..");

    /** No two packages (e.g. application.session and infrastructure.pubsub) depend on each other, directly or round about. */
    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("dev.asp.(**)").should().beFreeOfCycles();
}
