package dev.mlops.storage.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The design rules of mlops-storage-jdbc: a backend reaches mlops-core only through its public API and
 * SPI, never its internals, and the public providers hand out no JDBC, HikariCP or Flyway type.
 */
class JdbcArchitectureTest {
  private static JavaClasses jdbc;

  @BeforeAll
  static void importModule() {
    jdbc = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.mlops.storage.jdbc");
  }

  @Test
  void theBackendUsesNoCoreInternals() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.mlops.core..internal..")
        .because("a storage backend depends on the SPI only (DESIGN.md)").check(jdbc);
  }

  @Test
  void thePublicPackageShowsNoDriverPoolOrMigrationTypes() {
    noClasses().that().resideInAPackage("dev.mlops.storage.jdbc")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..",
            "org.flywaydb..", "org.postgresql..", "org.sqlite..")
        .because("the providers are the whole public API; connections, pools and migrations stay internal")
        .check(jdbc);
  }
}
