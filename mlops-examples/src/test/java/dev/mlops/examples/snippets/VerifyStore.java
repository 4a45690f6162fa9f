package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.integrity.DamagedItem;
import dev.mlops.core.integrity.IntegrityReport;
import java.nio.file.Files;
import java.nio.file.Path;

public class VerifyStore {
  public static void main(String[] args) throws Exception {
    try (MlopsStore store = MlopsStore.open()) {
      store.artifacts().publish("notes", Files.writeString(Path.of("notes.txt"), "read me back"));
      IntegrityReport report = store.verify(true); // true: rebuild derivable records first
      for (DamagedItem d : report.damaged()) {
        System.out.println(d.kind() + " " + d.item() + ": " + d.problem());
      }
      System.out.println(report.records() + " records, " + report.series() + " series, " + report.blobs()
          + " blobs checked; " + report.damaged().size() + " damaged");
    }
  }
}
