package dev.mlops.benchmarks.storage;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fsync bound of the disk under the same load, as the baseline for {@link RecordCasBenchmark}: each
 * operation overwrites one 4 KiB block of an existing file and calls {@code force(false)}
 * ({@code fdatasync}), the cheapest durable write there is. A durable compare-and-set cannot beat it.
 *
 * <p>Run together with the CAS benchmark:
 * {@code java -jar mlops-benchmarks/target/benchmarks.jar 'RecordCasBenchmark|DiskSyncBenchmark' -f 1 -wi 1 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
public class DiskSyncBenchmark {
  private Path dir;
  private FileChannel channel;
  private final ByteBuffer block = ByteBuffer.allocateDirect(4096);
  private long writes;

  /** Creates the file with two blocks, so overwrites never change its size. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = ScratchFiles.scratchDirectory("fsync");
    channel = FileChannel.open(dir.resolve("blocks"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    channel.write(ByteBuffer.allocate(2 * 4096), 0);
    channel.force(true);
  }

  /** Closes the file and deletes the directory. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    channel.close();
    ScratchFiles.deleteRecursively(dir);
  }

  /**
   * Overwrites a block (alternating between two) and waits until it is on the device.
   *
   * @return the number of writes so far
   */
  @Benchmark
  public long overwriteAndFdatasync() throws IOException {
    block.clear().putLong(0, writes);
    channel.write(block, (writes & 1) * 4096L);
    channel.force(false);
    return ++writes;
  }
}
