package dev.mlops.core;

/**
 * The child JVM of {@link MlopsStoreTest}: opens the embedded default store and a relative file store
 * in its working directory, writes a record to the first, and prints where each one lives.
 */
public final class DefaultStoreMain {
  private DefaultStoreMain() {}

  /**
   * Opens the stores.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    try (MlopsStore store = MlopsStore.open()) {
      store.storage().records().create("default", new byte[] {1});
      System.out.println(store.describe());
    }
    try (MlopsStore store = MlopsStore.open("file:rel/store")) {
      System.out.println(store.describe());
    }
  }
}
