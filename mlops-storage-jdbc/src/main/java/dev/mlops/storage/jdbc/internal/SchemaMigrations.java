package dev.mlops.storage.jdbc.internal;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Creates and migrates the storage schema with Flyway, recording its version in the table
 * {@value #HISTORY_TABLE} (not Flyway's default name, so a host application's own Flyway history in the
 * same schema is left alone).
 *
 * <p>Before migrating, the recorded versions are compared with the dialect's
 * {@linkplain Dialect#latestSchema() latest version}: a database written by a
 * newer library is refused with a {@link ConfigurationException} and left untouched, since this version
 * cannot know what the newer schema means. On PostgreSQL Flyway serializes concurrent first opens with
 * an advisory lock; on SQLite the immediate write transaction does. Stateless.
 */
final class SchemaMigrations {
  /** The table that records which migrations ran. */
  static final String HISTORY_TABLE = "mlops_schema_history";

  private SchemaMigrations() {}

  /**
   * The versions the history table records as applied, read with one query so that opening an
   * up-to-date database costs no Flyway scan; empty if there is no history table yet.
   */
  private static List<MigrationVersion> recordedVersions(DataSource dataSource) {
    List<MigrationVersion> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT version FROM " + HISTORY_TABLE
            + " WHERE success AND version IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(MigrationVersion.fromVersion(rs.getString(1)));
      }
    } catch (SQLException e) {
      // no history table yet (or an unreadable one): Flyway decides below
      return List.of();
    }
    return out;
  }

  private static void refuseNewer(List<MigrationVersion> applied, MigrationVersion latest, Database db) {
    for (MigrationVersion v : applied) {
      if (v.isNewerThan(latest.getVersion())) {
        throw new ConfigurationException("the database of " + db.description() + " holds mlops storage schema"
            + " version " + v + ", newer than version " + latest + " that this mlops-storage-jdbc knows;"
            + " upgrade mlops-storage-jdbc to open it (nothing was changed)");
      }
    }
  }

  static void migrate(DataSource dataSource, ConnectionSettings settings, Database db) {
    MigrationVersion latest = MigrationVersion.fromVersion(settings.dialect().latestSchema());
    List<MigrationVersion> recorded = recordedVersions(dataSource);
    refuseNewer(recorded, latest, db);
    if (recorded.contains(latest)) {
      return;
    }
    FluentConfiguration config = Flyway.configure(SchemaMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(settings.dialect().migrations())
        .table(HISTORY_TABLE)
        .failOnMissingLocations(true)
        .validateMigrationNaming(true);
    if (settings.schema() != null) {
      config.schemas(settings.schema()).defaultSchema(settings.schema());
    }
    Flyway flyway = config.load();
    try {
      List<MigrationVersion> applied = new ArrayList<>();
      for (MigrationInfo info : flyway.info().applied()) {
        if (info.getVersion() != null) {
          applied.add(info.getVersion());
        }
      }
      refuseNewer(applied, latest, db);
      flyway.migrate();
    } catch (FlywayException e) {
      throw new StorageException("creating or migrating the mlops schema of " + db.description() + " failed: "
          + settings.secret().mask(String.valueOf(e.getMessage())));
    }
  }
}
