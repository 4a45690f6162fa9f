package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which columns of a {@link Table} hold a model's labels and predictions, and so how to evaluate the model
 * on some of the table's rows: the bridge between tables and {@link Evaluation}s used by sliced evaluation,
 * fairness and gates.
 *
 * <p>Labels: for binary models a {@code BOOLEAN} column, or a numeric one holding 0 and 1; for multiclass a
 * {@code LONG} column of classes {@code 0..k-1}; for regression a numeric column. A null label, score or
 * weight is an error naming the column and row. Immutable and thread-safe.
 */
public final class Predictions {
  /** The kind of model. */
  public enum Task {
    /** A score for the positive class. */
    BINARY,
    /** One probability column per class. */
    MULTICLASS,
    /** A numeric prediction. */
    REGRESSION
  }

  private final Task task;
  private final String actual;
  private final List<String> predicted;
  private final @Nullable String weight;

  private Predictions(Task task, String actual, List<String> predicted, @Nullable String weight) {
    this.task = task;
    this.actual = Objects.requireNonNull(actual, "actual");
    this.predicted = List.copyOf(predicted);
    this.weight = weight;
  }

  /**
   * A binary classifier's label and score columns.
   *
   * @param actual the label column
   * @param score the score column (higher means positive)
   * @return the description
   */
  public static Predictions binary(String actual, String score) {
    return new Predictions(Task.BINARY, actual, List.of(Objects.requireNonNull(score, "score")), null);
  }

  /**
   * A multiclass classifier's label column and one probability column per class, in class order.
   *
   * @param actual the label column
   * @param probabilities the probability columns, at least two
   * @return the description
   * @throws InvalidInputException if fewer than two columns are named
   */
  public static Predictions multiclass(String actual, List<String> probabilities) {
    if (probabilities.size() < 2) {
      throw new InvalidInputException("a multiclass model needs at least two probability columns, got " + probabilities);
    }
    return new Predictions(Task.MULTICLASS, actual, probabilities, null);
  }

  /**
   * A regression model's actual and predicted columns.
   *
   * @param actual the actual values
   * @param predicted the predictions
   * @return the description
   */
  public static Predictions regression(String actual, String predicted) {
    return new Predictions(Task.REGRESSION, actual, List.of(Objects.requireNonNull(predicted, "predicted")), null);
  }

  /**
   * The same columns with sample weights taken from a column.
   *
   * @param column the weight column
   * @return a new description
   */
  public Predictions weightedBy(String column) {
    return new Predictions(task, actual, predicted, Objects.requireNonNull(column, "column"));
  }

  /** @return the kind of model */
  public Task task() {
    return task;
  }

  /** @return the label column */
  public String actualColumn() {
    return actual;
  }

  /** @return the score, probability or prediction columns */
  public List<String> predictionColumns() {
    return predicted;
  }

  /** @return the weight column, or {@code null} */
  public @Nullable String weightColumn() {
    return weight;
  }

  /**
   * Evaluates the model on every row of a table.
   *
   * @param table the table
   * @return the evaluation
   * @throws InvalidInputException if a column is missing, of the wrong type, or holds a null
   */
  public Evaluation evaluate(Table table) {
    int[] rows = new int[table.rowCount()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return evaluate(table, rows);
  }

  /**
   * Evaluates the model on some rows of a table.
   *
   * @param table the table
   * @param rows the row indices
   * @return the evaluation
   * @throws InvalidInputException if a column is missing, of the wrong type, or holds a null in those rows,
   *     or no row is given
   */
  public Evaluation evaluate(Table table, int[] rows) {
    Column a = column(table, actual);
    double[] w = null;
    if (weight != null) {
      w = numbers(column(table, weight), rows);
    }
    switch (task) {
      case BINARY -> {
        boolean[] y = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
          y[i] = label(a, rows[i]);
        }
        double[] s = numbers(column(table, predicted.get(0)), rows);
        return new BinaryEvaluation(y, s, w);
      }
      case MULTICLASS -> {
        int[] y = new int[rows.length];
        double[][] p = new double[rows.length][predicted.size()];
        List<Column> columns = new ArrayList<>();
        for (String name : predicted) {
          columns.add(column(table, name));
        }
        for (int i = 0; i < rows.length; i++) {
          double v = number(a, rows[i]);
          if (v != Math.rint(v)) {
            throw new InvalidInputException("column '" + actual + "' row " + rows[i] + " holds " + v + ", not a class index");
          }
          y[i] = (int) v;
          for (int c = 0; c < columns.size(); c++) {
            p[i][c] = number(columns.get(c), rows[i]);
          }
        }
        return new MulticlassEvaluation(y, p, w);
      }
      default -> {
        return new RegressionEvaluation(numbers(a, rows), numbers(column(table, predicted.get(0)), rows), w);
      }
    }
  }

  static Column column(Table table, String name) {
    if (!table.hasColumn(name)) {
      throw new InvalidInputException("the table has no column '" + name + "'; it has " + table.columnNames());
    }
    return table.column(name);
  }

  private static double[] numbers(Column c, int[] rows) {
    double[] v = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      v[i] = number(c, rows[i]);
    }
    return v;
  }

  private static double number(Column c, int row) {
    if (c.isNull(row)) {
      throw new InvalidInputException("column '" + c.name() + "' is null at row " + row);
    }
    return switch (c.type()) {
      case DOUBLE -> c.getDouble(row);
      case LONG -> c.getLong(row);
      case BOOLEAN -> c.getBoolean(row) ? 1 : 0;
      default -> throw new InvalidInputException("column '" + c.name() + "' is " + c.type() + "; a number is needed");
    };
  }

  static boolean label(Column c, int row) {
    if (c.type() == ColumnType.BOOLEAN) {
      if (c.isNull(row)) {
        throw new InvalidInputException("column '" + c.name() + "' is null at row " + row);
      }
      return c.getBoolean(row);
    }
    double v = number(c, row);
    if (v != 0 && v != 1) {
      throw new InvalidInputException("column '" + c.name() + "' row " + row + " holds " + v
          + "; a binary label is true/false or 1/0");
    }
    return v == 1;
  }

  @Override
  public String toString() {
    return "Predictions[" + task + ", actual=" + actual + ", predicted=" + predicted
        + (weight == null ? "" : ", weight=" + weight) + "]";
  }
}
