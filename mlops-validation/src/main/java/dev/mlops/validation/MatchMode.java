package dev.mlops.validation;

/** How a regular expression must match a value. */
public enum MatchMode {
  /** The pattern must occur somewhere in the value ({@link java.util.regex.Matcher#find()}), as in Deequ. */
  FIND,
  /** The whole value must match ({@link java.util.regex.Matcher#matches()}). */
  FULL
}
