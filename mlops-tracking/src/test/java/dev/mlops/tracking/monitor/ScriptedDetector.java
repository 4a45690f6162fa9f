package dev.mlops.tracking.monitor;

/**
 * A detector for hysteresis tests whose flags follow a script: at value {@code i}, 'W' warns, 'D'
 * drifts and '.' is quiet.
 */
final class ScriptedDetector implements ChangeDetector {
  private final String script;
  private int position;
  private boolean drift;
  private boolean warning;

  ScriptedDetector(String script) {
    this.script = script;
  }

  @Override
  public void update(double value) {
    char c = script.charAt(position++);
    drift = c == 'D';
    warning = c == 'W';
  }

  @Override
  public boolean driftDetected() {
    return drift;
  }

  @Override
  public boolean warningDetected() {
    return warning;
  }

  @Override
  public void reset() {
    position = 0;
    drift = false;
    warning = false;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public ChangeDetector copy() {
    ScriptedDetector copy = new ScriptedDetector(script);
    copy.position = position;
    copy.drift = drift;
    copy.warning = warning;
    return copy;
  }

  @Override
  public String toJson() {
    return "{\"scripted\":" + position + "}";
  }
}
