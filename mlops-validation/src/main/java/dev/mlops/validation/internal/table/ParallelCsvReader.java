package dev.mlops.validation.internal.table;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Reads a whole CSV input into one {@link Table}, parsing blocks of records on all cores.
 *
 * <p>The calling thread reads the UTF-8 bytes in blocks and cuts each block after its last complete record: in
 * a block without any quote byte every line break ends a record, so the cut is after the last one; a block
 * with quotes is tokenized (fields discarded) to find where its last complete record ends, so a quoted line
 * break is never taken for a record end. Line breaks are ASCII, so a cut never splits a multi-byte UTF-8
 * character. Worker threads tokenize and parse the blocks, each inferring its own column types.
 *
 * <p>A column's type is decided from all its values: when the blocks agree (or a block's column is all null)
 * their columns are concatenated; when they disagree (a {@code LONG} block beside a {@code DOUBLE} one, or a
 * number beside text), the type every value fits ({@code DOUBLE}, else {@code STRING}) is declared and the input
 * is read once more. Errors name the line in the whole input, even though blocks count lines from their start.
 * Blocks are parsed on the options' {@link dev.mlops.core.work.WorkerPool} (core's shared pool by default): each
 * block is offered to the pool, and the reading thread parses any block no pool thread has started when it needs
 * the result, so a read never waits for a busy pool and cannot deadlock when it runs inside one of the pool's
 * tasks. Each call is independent; the class holds no state.
 */
public final class ParallelCsvReader {
  /** Opens the input; called once, or twice when the first pass finds conflicting column types. */
  @FunctionalInterface
  public interface Opener {
    /**
     * Opens a fresh stream of the input's UTF-8 bytes.
     *
     * @return the stream, closed by the reader
     * @throws IOException if it cannot be opened
     */
    InputStream open() throws IOException;
  }

  private static final int BLOCK_BYTES = 1 << 23;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final String source;
  private final CsvOptions options;
  private final int threads;

  private ParallelCsvReader(String source, CsvOptions options, int threads) {
    this.source = source;
    this.options = options;
    this.threads = threads;
  }

  /**
   * Reads the whole input.
   *
   * @param opener opens the input's UTF-8 bytes
   * @param source a name for messages
   * @param options the CSV options
   * @return the table
   * @throws InvalidInputException if the CSV is malformed, empty or has no rows (the message names the line)
   * @throws StorageException if the input cannot be read
   */
  public static Table read(Opener opener, String source, CsvOptions options) {
    return read(opener, source, options, BLOCK_BYTES, options.workers().parallelism());
  }

  /** {@link #read(Opener, String, CsvOptions)} with a given block size and thread count, for tests. */
  static Table read(Opener opener, String source, CsvOptions options, int blockBytes, int threads) {
    ParallelCsvReader reader = new ParallelCsvReader(source, options, Math.max(1, threads));
    Pass first = reader.pass(opener, options, blockBytes);
    ColumnType[] unified = first.unify();
    if (unified == null) {
      return first.table();
    }
    CsvOptions.Builder declared = options.toBuilder();
    for (int j = 0; j < unified.length; j++) {
      declared.columnType(first.header.names().get(j), unified[j]);
    }
    Pass second = reader.pass(opener, declared.build(), blockBytes);
    return second.table();
  }

  /** The outcome of one block: its columns, or the error met in it. */
  private static final class Block {
    int rows;
    long lines;
    ColumnType @Nullable [] types;
    Column @Nullable [] columns;
    @Nullable CsvLineError error;
  }

  /** One read through the input. */
  private final class Pass {
    final CsvHeader header;
    final List<Block> blocks = new ArrayList<>();

    Pass(CsvHeader header) {
      this.header = header;
    }

    /** Returns the types to declare for a second pass, or {@code null} when the blocks agree. */
    ColumnType @Nullable [] unify() {
      int ncol = header.names().size();
      ColumnType[] result = new ColumnType[ncol];
      boolean conflict = false;
      for (int j = 0; j < ncol; j++) {
        ColumnType t = null;
        for (Block b : blocks) {
          ColumnType bt = b.types[j];
          if (bt == null || bt == t) {
            continue;
          }
          if (t == null) {
            t = bt;
          } else {
            conflict = true;
            boolean numeric = (t == ColumnType.LONG || t == ColumnType.DOUBLE)
                && (bt == ColumnType.LONG || bt == ColumnType.DOUBLE);
            t = numeric ? ColumnType.DOUBLE : ColumnType.STRING;
          }
        }
        result[j] = t == null ? ColumnType.STRING : t;
      }
      return conflict ? result : null;
    }

    Table table() {
      int ncol = header.names().size();
      ColumnType[] types = new ColumnType[ncol];
      for (Block b : blocks) {
        for (int j = 0; j < ncol; j++) {
          if (b.types[j] != null) {
            types[j] = b.types[j];
          }
        }
      }
      List<Table> parts = new ArrayList<>(blocks.size());
      for (Block b : blocks) {
        Column[] cols = b.columns.clone();
        for (int j = 0; j < ncol; j++) {
          if (b.types[j] == null && types[j] != null && types[j] != ColumnType.STRING) {
            Column.Builder nulls = Column.builder(header.names().get(j), types[j], b.rows);
            for (int r = 0; r < b.rows; r++) {
              nulls.addNull();
            }
            cols[j] = nulls.build();
          }
        }
        parts.add(Table.of(cols));
      }
      return parts.size() == 1 ? parts.get(0) : Table.concat(parts);
    }
  }

  private Pass pass(Opener opener, CsvOptions opts, int blockBytes) {
    try (InputStream in = opener.open()) {
      return pass(in, opts, blockBytes);
    } catch (IOException e) {
      throw new StorageException("cannot read CSV " + source + ": " + e.getMessage(), e);
    }
  }

  private Pass pass(InputStream in, CsvOptions opts, int blockBytes) throws IOException {
    byte[] buf = new byte[Math.max(blockBytes, 16)]; // room for a byte-order mark
    int filled = fill(in, buf, 0);
    boolean eof = filled < buf.length;
    int start = CsvHeader.skipBom(buf, 0, filled);
    CsvTokenizer tokenizer = new CsvTokenizer(opts.delimiter(), opts.quote(), source, 1);
    CsvFields first = new CsvFields(64, 1);
    int next;
    while ((next = tokenizer.record(buf, start, filled, eof, first)) == CsvTokenizer.INCOMPLETE) {
      buf = Arrays.copyOf(buf, buf.length * 2);
      filled = fill(in, buf, filled);
      eof = filled < buf.length;
    }
    if (next == CsvTokenizer.NO_RECORD) {
      throw new InvalidInputException(source + ": the CSV file is empty (no header and no rows)");
    }
    CsvHeader header = new CsvHeader(source, buf, first, opts);
    CsvColumnParser parser = new CsvColumnParser(source, header.names(), opts);
    long firstLine = 1;
    if (opts.header()) {
      start = next;
      firstLine = tokenizer.line;
    }
    Pass pass = new Pass(header);
    Recycler recycler = new Recycler();
    ColumnType[] declared = header.declaredTypes();
    List<BlockTask> pending = new ArrayList<>();
    ArrayDeque<BlockTask> window = new ArrayDeque<>();
    Executor pool = null;
    boolean done = false;
    try {
      while (true) {
        if (!eof && filled < buf.length) {
          filled = fill(in, buf, filled);
          eof = filled < buf.length;
        }
        int cut = eof ? filled : cut(buf, start, filled, opts);
        if (cut < 0) {
          buf = Arrays.copyOf(buf, buf.length * 2);
          continue;
        }
        if (eof && pending.isEmpty()) {
          // everything fits one block: no threads needed
          pass.blocks.add(parseBlock(buf, start, cut, header, parser, declared, opts, recycler));
          break;
        }
        if (pool == null) {
          pool = opts.workers().executor();
        }
        byte[] block = buf;
        int from = start;
        int to = cut;
        BlockTask task = new BlockTask(() -> parseBlock(block, from, to, header, parser, declared, opts, recycler));
        pending.add(task);
        window.add(task);
        try {
          pool.execute(task);
        } catch (RejectedExecutionException e) {
          // the pool is closed or saturated: this thread parses the block when it needs it
        }
        if (window.size() > 2 * threads) {
          window.poll().join();
        }
        if (eof && cut == filled) {
          break;
        }
        byte[] rest = recycler.buffer(Math.max(blockBytes, 2 * (filled - cut)));
        System.arraycopy(buf, cut, rest, 0, filled - cut);
        filled -= cut;
        start = 0;
        buf = rest;
      }
      for (BlockTask t : pending) {
        pass.blocks.add(t.join());
      }
      done = true;
    } finally {
      if (!done) {
        for (BlockTask t : pending) {
          t.cancel(); // blocks still queued in the pool become no-ops
        }
      }
    }
    long offset = firstLine;
    int rows = 0;
    for (Block b : pass.blocks) {
      if (b.error != null) {
        throw b.error.atLineOffset(offset);
      }
      offset += b.lines;
      rows += b.rows;
    }
    if (rows == 0) {
      throw new InvalidInputException(source + ": no rows and no columns could be read");
    }
    pass.blocks.removeIf(b -> b.rows == 0);
    return pass;
  }

  /**
   * One block's parse, offered to the pool and run by whichever thread claims it first: a pool thread, or the
   * reading thread when it needs the result. Waiting happens only for a parse another thread is running.
   */
  private static final class BlockTask implements Runnable {
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<Block> result = new CompletableFuture<>();
    private final Supplier<Block> parse;

    BlockTask(Supplier<Block> parse) {
      this.parse = parse;
    }

    @Override
    public void run() {
      if (claimed.compareAndSet(false, true)) {
        try {
          result.complete(parse.get());
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      }
    }

    void cancel() {
      claimed.set(true);
    }

    Block join() {
      run();
      try {
        return result.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  /**
   * Block buffers and field tables that finished blocks hand back for later blocks, so a pass allocates a few
   * of each rather than one per block. Thread-safe: the queues are concurrent.
   */
  private static final class Recycler {
    private final ConcurrentLinkedQueue<byte[]> buffers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CsvFields> fields = new ConcurrentLinkedQueue<>();

    byte[] buffer(int size) {
      byte[] b = buffers.poll();
      return b != null && b.length >= size ? b : new byte[size];
    }

    CsvFields fields(int bytes, int ncol) {
      CsvFields f = fields.poll();
      return f != null ? f : new CsvFields(bytes / 16, bytes / (16 * Math.max(1, ncol)));
    }

    void release(byte[] buffer, CsvFields used) {
      buffers.offer(buffer);
      used.truncate(0, 0);
      fields.offer(used);
    }
  }

  private Block parseBlock(byte[] b, int from, int to, CsvHeader header, CsvColumnParser parser,
      ColumnType[] declared, CsvOptions opts, Recycler recycler) {
    Block block = new Block();
    CsvTokenizer tokenizer = new CsvTokenizer(opts.delimiter(), opts.quote(), source, 0);
    int ncol = header.names().size();
    CsvFields fields = recycler.fields(to - from, ncol);
    try {
      int p = from;
      while (true) {
        int before = fields.count;
        int next = tokenizer.record(b, p, to, true, fields);
        if (next < 0) {
          break;
        }
        header.checkFieldCount(fields.count - before, fields.rowLines[fields.rows - 1]);
        p = next;
      }
      block.lines = tokenizer.line;
      block.rows = fields.rows;
      block.types = new ColumnType[ncol];
      block.columns = new Column[ncol];
      for (int j = 0; j < ncol; j++) {
        CsvColumnParser.Parsed parsed = parser.parse(b, fields, j, declared[j], " as declared");
        block.types[j] = parsed.type;
        block.columns[j] = parsed.column;
      }
    } catch (CsvLineError e) {
      block.error = e;
    }
    recycler.release(b, fields);
    return block;
  }

  private static int fill(InputStream in, byte[] buf, int filled) throws IOException {
    int n = filled;
    while (n < buf.length) {
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
  }

  /**
   * Returns the end of the last complete record in {@code [start, limit)}, or {@code -1} if there is none yet.
   */
  private int cut(byte[] b, int start, int limit, CsvOptions opts) {
    if (!contains(b, start, limit, (byte) opts.quote())) {
      for (int i = limit - 1; i >= start; i--) {
        // a CR as the last byte may be the first half of a CRLF: not a safe cut yet
        if (b[i] == '\n' || (b[i] == '\r' && i + 1 < limit)) {
          return i + 1;
        }
      }
      return -1;
    }
    CsvTokenizer scan = new CsvTokenizer(opts.delimiter(), opts.quote(), source, 0);
    CsvFields scratch = new CsvFields(64, 1);
    int p = start;
    int last = -1;
    try {
      while (true) {
        int next = scan.record(b, p, limit, false, scratch);
        if (next < 0) {
          return last;
        }
        scratch.truncate(0, 0);
        last = next;
        p = next;
      }
    } catch (CsvLineError e) {
      // the block's parser meets the same error and reports it with the right line
      return last >= 0 ? last : limit;
    }
  }

  /** Tells whether {@code [from, to)} holds the byte {@code x}, eight bytes at a time. */
  static boolean contains(byte[] b, int from, int to, byte x) {
    long pattern = 0x0101010101010101L * (x & 0xFF);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i) ^ pattern;
      if (((w - 0x0101010101010101L) & ~w & 0x8080808080808080L) != 0) {
        return true;
      }
    }
    for (; i < to; i++) {
      if (b[i] == x) {
        return true;
      }
    }
    return false;
  }
}
