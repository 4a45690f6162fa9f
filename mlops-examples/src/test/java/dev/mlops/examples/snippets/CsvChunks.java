package dev.mlops.examples.snippets;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import dev.mlops.validation.TableChunks;
import dev.mlops.validation.io.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

public class CsvChunks {
  public static void main(String[] args) throws Exception {
    Path file = Files.writeString(Path.of("orders.csv"), """
        id,category,amount,day,email
        1,books,12.5,2024-03-01,a@x.org
        2,NA,7,2024-03-02,"b, ""quoted"" here"
        """);
    Table orders = TableReader.readCsv(file); // types from every value, parsed on all cores
    System.out.println(orders.schema());      // {id=LONG, category=STRING, amount=DOUBLE, day=DATE, email=STRING}
    CsvOptions typed = CsvOptions.builder()
        .columnType("amount", ColumnType.DOUBLE)
        .nullTokens(Set.of("", "NA"))
        .build();
    long rows = 0;
    try (TableChunks chunks = TableReader.readCsvChunks(file, typed, 100_000)) { // bounded memory
      while (chunks.hasNext()) {
        rows += chunks.next().rowCount();
      }
    }
    System.out.println(rows + " rows read in chunks");
  }
}
