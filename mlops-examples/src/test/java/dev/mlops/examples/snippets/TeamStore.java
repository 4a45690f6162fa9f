package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;

public class TeamStore {
  /**
   * Every member, CI job and model server of a team opens the same PostgreSQL database (mlops-storage-jdbc);
   * the first open creates the schema. The password comes from PGPASSWORD or ~/.pgpass, never from the URI.
   */
  static MlopsStore shared() {
    return MlopsStore.open("postgresql://db.team.example:5432/mlops?user=alice&schema=mlops&sslmode=verify-full");
  }
}
