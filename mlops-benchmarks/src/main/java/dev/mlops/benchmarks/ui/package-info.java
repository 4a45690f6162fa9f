/** JMH benchmarks of the web UI's server side: reading a long metric series as chart data. */
@NullMarked
package dev.mlops.benchmarks.ui;

import org.jspecify.annotations.NullMarked;
