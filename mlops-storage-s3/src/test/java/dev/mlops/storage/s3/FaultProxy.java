package dev.mlops.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of an S3 server that injects faults into new connections: it answers
 * {@code 503 Slow Down} and closes, forwards a number of bytes of the request (or of the response) and
 * then drops the connection, or inverts one byte of the first request's body. Each armed fault applies to
 * one new connection; arming closes every open connection, so clients cannot keep using a pooled one that no
 * fault reaches. Threads: one acceptor and two per connection, all daemons, ended by {@link #close()}.
 */
final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger requestDrops = new AtomicInteger();
  private final AtomicInteger responseDrops = new AtomicInteger();
  private final AtomicInteger corruptions = new AtomicInteger();
  private final AtomicLong corruptAt = new AtomicLong();
  private final AtomicLong dropAfter = new AtomicLong();
  private final AtomicInteger faults = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();

  FaultProxy(int upstreamPort) {
    this.upstreamPort = upstreamPort;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** @return the endpoint to give clients */
  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** A blob URI through this proxy. */
  String uri(String bucketAndPrefix, int maxAttempts) {
    return "s3://" + bucketAndPrefix + "?endpoint=" + endpoint() + "&region=us-east-1&pathStyle=true&maxAttempts="
        + maxAttempts;
  }

  /** The next {@code n} connections get {@code 503 Slow Down}; {@code Integer.MAX_VALUE} for an outage. */
  void answer503(int n) {
    closeOpen();
    unavailable.set(n);
  }

  /** The next {@code n} connections are dropped after forwarding {@code bytes} bytes of the request. */
  void dropRequests(int n, long bytes) {
    closeOpen();
    dropAfter.set(bytes);
    requestDrops.set(n);
  }

  /** The next {@code n} connections are dropped after forwarding {@code bytes} bytes of the response. */
  void dropResponses(int n, long bytes) {
    closeOpen();
    dropAfter.set(bytes);
    responseDrops.set(n);
  }

  /**
   * On the next {@code n} connections, the byte {@code offset} bytes into the body of the first request is
   * inverted on its way to the server; the rest passes unchanged.
   */
  void corruptRequests(int n, long offset) {
    closeOpen();
    corruptAt.set(offset);
    corruptions.set(n);
  }

  /** Ends every fault still armed. */
  void heal() {
    unavailable.set(0);
    requestDrops.set(0);
    responseDrops.set(0);
    corruptions.set(0);
  }

  /** @return how many faults were injected */
  int faults() {
    return faults.get();
  }

  private void closeOpen() {
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      open.add(client);
      if (take(unavailable)) {
        faults.incrementAndGet();
        start(() -> answer503(client));
        continue;
      }
      long requestLimit = take(requestDrops) ? dropAfter.get() : Long.MAX_VALUE;
      long responseLimit = take(responseDrops) ? dropAfter.get() : Long.MAX_VALUE;
      long corruptOffset = take(corruptions) ? corruptAt.get() : -1;
      Socket upstream;
      try {
        upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
      } catch (IOException e) {
        closeQuietly(client);
        continue;
      }
      open.add(upstream);
      start(() -> pipe(client, upstream, requestLimit, corruptOffset));
      start(() -> pipe(upstream, client, responseLimit, -1));
    }
  }

  private static boolean take(AtomicInteger budget) {
    return budget.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
  }

  private void answer503(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = new byte[8192];
      int n = 0;
      // read up to the end of the request head; the body is not read, the connection is closed after
      while (n < head.length) {
        int r = in.read(head, n, head.length - n);
        if (r < 0 || new String(head, 0, n + r, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          break;
        }
        n += r;
      }
      String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
          + "<Message>Please reduce your request rate.</Message></Error>";
      String response = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
          + body.length() + "\r\nConnection: close\r\n\r\n" + body;
      OutputStream out = client.getOutputStream();
      out.write(response.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      // the client went away first
    } finally {
      open.remove(client);
    }
  }

  /**
   * Copies bytes until either side closes or {@code limit} bytes went through; inverts the byte
   * {@code corruptOffset} bytes after the end of the first request head, unless that is negative.
   */
  private void pipe(Socket from, Socket to, long limit, long corruptOffset) {
    byte[] buffer = new byte[64 << 10];
    long sent = 0;
    // the last four bytes seen, to find the blank line that ends the request head; then the body's position
    int window = 0;
    long bodyPosition = -1;
    boolean corrupted = corruptOffset < 0;
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (true) {
        int r = in.read(buffer);
        if (r < 0) {
          break;
        }
        for (int i = 0; i < r && !corrupted; i++) {
          if (bodyPosition < 0) {
            window = window << 8 | (buffer[i] & 0xff);
            if (window == 0x0d0a0d0a) {
              bodyPosition = 0;
            }
          } else if (bodyPosition++ == corruptOffset) {
            buffer[i] = (byte) ~buffer[i];
            corrupted = true;
            faults.incrementAndGet();
          }
        }
        if (sent + r > limit) {
          out.write(buffer, 0, (int) (limit - sent));
          out.flush();
          faults.incrementAndGet();
          break;
        }
        out.write(buffer, 0, r);
        sent += r;
      }
    } catch (IOException e) {
      // either side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void start(Runnable r) {
    Thread t = new Thread(r, "fault-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    closeOpen();
  }
}
