package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;

public class StorageQuickStart {
  public static void main(String[] args) {
    try (MlopsStore local = MlopsStore.open();                       // file:./.mlops, the embedded default
         MlopsStore elsewhere = MlopsStore.open("file:other/store?lockTimeout=PT30S");
         MlopsStore memory = MlopsStore.open("mem:");                // in memory, for tests
         MlopsStore oneFile = MlopsStore.open("sqlite:mlops.db")) {  // mlops-storage-jdbc on the class path
      for (MlopsStore store : new MlopsStore[] {local, elsewhere, memory, oneFile}) {
        System.out.println(store.describe());
      }
    }
  }
}
