/**
 * Real servers that tests and benchmarks start on loopback: PostgreSQL from the machine's binaries and S3Proxy
 * from the jar the build copies. Main code of an unpublished module, not a test-jar, so that the benchmarks
 * (whose JMH classes are main code) compile against it in any build, including one that stops at
 * {@code compile} such as the fork of {@code mvn javadoc:aggregate}.
 */
@NullMarked
package dev.mlops.testservers;

import org.jspecify.annotations.NullMarked;
