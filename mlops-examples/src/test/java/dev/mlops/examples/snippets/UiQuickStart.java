package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.ui.HtmlReport;
import dev.mlops.ui.MlopsUi;
import dev.mlops.validation.Check;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationSuite;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public class UiQuickStart {
  public static void main(String[] args) throws Exception {
    try (MlopsStore store = MlopsStore.open();
         MlopsUi ui = MlopsUi.start(store, 0)) {               // 0: a free port; binds 127.0.0.1 only
      System.out.println("open " + ui.url());                  // serves until closed; read-only
      HttpResponse<String> page = HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(ui.url()).build(), HttpResponse.BodyHandlers.ofString());
      System.out.println("the experiments page answers " + page.statusCode());
    }

    // a single-file report that opens offline (validation, profile, drift, leaderboard, run comparison)
    Table orders = Table.fromMaps(List.of(Map.of("id", 1, "amount", 12.5), Map.of("id", 2, "amount", -4.0)));
    ValidationResult result = ValidationSuite.builder("orders")
        .addCheck(Check.error("amounts").isNonNegative("amount")).build().run(orders);
    Path report = HtmlReport.of(result).writeTo(Path.of("reports", "validation.html"));
    System.out.println("report written to " + report);
  }
}
