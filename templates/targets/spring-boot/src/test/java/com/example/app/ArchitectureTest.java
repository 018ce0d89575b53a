package com.example.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Module boundaries (contract C86-C89): Spring Modulith fails on cycles between modules and on
 * access to another module's internal packages; ArchUnit keeps the platform free of modules.
 */
class ArchitectureTest {

  private static final String BASE = "com.example.app";

  @Test
  void modulesRespectTheirBoundaries() {
    ApplicationModules.of(Application.class).verify();
  }

  @Test
  void platformNeverDependsOnAModule() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(BASE);
    noClasses().that().resideInAPackage(BASE + ".platform..")
        .should().dependOnClassesThat(resideInAPackage(BASE + "..")
            .and(not(resideInAPackage(BASE + ".platform..")))
            .and(not(resideInAPackage(BASE))))
        .check(classes);
  }
}
