package dev.mlops.storage.s3.internal;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.spi.StorageLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parsed options of an {@code s3://bucket/prefix?...} URI, checked: an immutable value.
 *
 * <p>No message this class makes repeats an option's value except the endpoint's host, the region and
 * numbers, so a secret typed into the URI by mistake never reaches a log.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix, without leading or trailing slash; empty for the bucket's root
 * @param endpoint the S3-compatible server, or null for AWS
 * @param region the region, or null for the SDK's default region chain
 * @param pathStyle true for path-style requests ({@code http://host/bucket/key})
 * @param sse the server-side encryption ({@code AES256} or {@code aws:kms}), or null for the bucket's default
 * @param kmsKeyId the KMS key of SSE-KMS, or null for the account's default key
 * @param maxAttempts tries per request, the first included
 * @param partSize bytes per multipart part; blobs up to this size are sent in one request
 * @param uploadThreads parts of one blob in flight at once
 * @param maxConnections the HTTP connection pool's size
 * @param copyPartSize the largest object copied in one request; larger ones are copied in parts of this size
 * @param singlePutSize the largest file sent in one request straight to its key, its digest computed first
 */
public record S3Settings(String bucket, String prefix, @Nullable URI endpoint, @Nullable String region,
    boolean pathStyle, @Nullable String sse, @Nullable String kmsKeyId, int maxAttempts, long partSize,
    int uploadThreads, int maxConnections, long copyPartSize, long singlePutSize) {

  /** Tries per request by default (the first and seven retries). */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  /** Parts of one blob in flight at once by default. */
  public static final int DEFAULT_UPLOAD_THREADS = 4;
  /** HTTP connections by default. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;
  /** Bytes per part by default. */
  public static final long DEFAULT_PART_SIZE = 8L << 20;
  /** S3's smallest part (all but the last). */
  public static final long MIN_PART_SIZE = 5L << 20;
  /** S3's largest part and largest single copy. */
  public static final long MAX_PART_SIZE = 5L << 30;

  private static final List<String> OPTIONS = List.of("endpoint", "region", "pathStyle", "sse", "kmsKeyId",
      "maxAttempts", "partSize", "uploadThreads", "maxConnections", "singlePutSize");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.=+-]{1,200}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(|B|KiB|MiB|GiB)");

  /** Checks the components. */
  public S3Settings {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * Parses and checks a location.
   *
   * @param location an {@code s3://} location
   * @return the settings
   * @throws ConfigurationException naming the part of the URI that is wrong
   */
  public static S3Settings parse(StorageLocation location) {
    String where = describe(location);
    String path = location.path();
    if (!path.startsWith("//")) {
      throw new ConfigurationException("blob URI '" + where + "' must be written s3://bucket/prefix, with two"
          + " slashes after 's3:'");
    }
    String rest = path.substring(2);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new ConfigurationException("blob URI '" + where + "': '" + bucket + "' is not a valid bucket name"
          + " (3 to 63 characters: lower-case letters, digits, '.' and '-', starting and ending with a letter"
          + " or digit)");
    }
    String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
    if (!prefix.isEmpty()) {
      for (String segment : prefix.split("/", -1)) {
        if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
          throw new ConfigurationException("blob URI '" + where + "': the key prefix '" + prefix + "' has an"
              + " invalid segment '" + segment + "' (segments of letters, digits, '_', '.', '=', '+' and '-';"
              + " not '.' or '..', not empty)");
        }
      }
    }
    for (String name : location.options().keySet()) {
      if (!OPTIONS.contains(name)) {
        throw new ConfigurationException("blob URI '" + where + "' has an unknown option '" + name + "'; known"
            + " options: " + String.join(", ", OPTIONS) + ". Credentials never go into the URI: the AWS SDK's"
            + " default provider chain finds them (environment, profile, container or instance role)");
      }
    }
    Map<String, String> options = location.options();
    URI endpoint = endpoint(where, options.get("endpoint"));
    String region = options.get("region");
    if (region != null && !REGION.matcher(region).matches()) {
      throw new ConfigurationException("blob URI '" + where + "': option 'region' must be a region name such as"
          + " us-east-1");
    }
    if (region == null && endpoint != null) {
      region = "us-east-1";
    }
    boolean pathStyle = bool(where, "pathStyle", options.get("pathStyle"));
    String kmsKeyId = options.get("kmsKeyId");
    if (kmsKeyId != null && kmsKeyId.isBlank()) {
      throw new ConfigurationException("blob URI '" + where + "': option 'kmsKeyId' is empty");
    }
    String sse = sse(where, options.get("sse"), kmsKeyId != null);
    int maxAttempts = integer(where, "maxAttempts", options.get("maxAttempts"), DEFAULT_MAX_ATTEMPTS, 1, 20);
    long partSize = size(where, "partSize", options.get("partSize"), DEFAULT_PART_SIZE);
    int uploadThreads = integer(where, "uploadThreads", options.get("uploadThreads"), DEFAULT_UPLOAD_THREADS, 1,
        64);
    int maxConnections = integer(where, "maxConnections", options.get("maxConnections"), DEFAULT_MAX_CONNECTIONS,
        1, 1024);
    long singlePutSize = size(where, "singlePutSize", options.get("singlePutSize"), MAX_PART_SIZE);
    return new S3Settings(bucket, prefix, endpoint, region, pathStyle, sse, kmsKeyId, maxAttempts, partSize,
        uploadThreads, maxConnections, MAX_PART_SIZE, singlePutSize);
  }

  /**
   * Describes a location by bucket and prefix only; never throws and never shows an option.
   *
   * @param location any location
   * @return such as {@code s3://models/team-a}
   */
  public static String describe(StorageLocation location) {
    String path = location.path();
    return location.scheme() + ":" + (path.startsWith("//") ? "//" + trimSlashes(path.substring(2)) : path);
  }

  /**
   * A variant with a different copy part size, so tests can reach the multipart copy of large objects.
   *
   * @param size the new copy part size
   * @return the variant
   */
  public S3Settings withCopyPartSize(long size) {
    return new S3Settings(bucket, prefix, endpoint, region, pathStyle, sse, kmsKeyId, maxAttempts, partSize,
        uploadThreads, maxConnections, size, singlePutSize);
  }

  /** @return {@code s3://bucket/prefix} */
  public String describe() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** @return where the bucket is, for error messages: {@code s3://bucket/prefix at http://host:port} */
  public String where() {
    return describe() + (endpoint != null ? " at " + endpoint : region != null ? " in " + region : "");
  }

  /** @return the key prefix every key of this store starts with: empty, or the prefix and a slash */
  public String root() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  /** @return the server-side encryption, if one was chosen */
  public Optional<String> encryption() {
    return Optional.ofNullable(sse);
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  private static @Nullable URI endpoint(String where, @Nullable String value) {
    if (value == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigurationException("blob URI '" + where + "': option 'endpoint' is not a URL such as"
          + " http://127.0.0.1:9000");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new ConfigurationException("blob URI '" + where + "': option 'endpoint' must be an http or https URL"
          + " with a host, such as http://127.0.0.1:9000");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigurationException("blob URI '" + where + "': option 'endpoint' must hold no user, query or"
          + " fragment (credentials come from the AWS SDK's default provider chain, never from the URI)");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return URI.create(scheme + "://" + uri.getRawAuthority() + (path.equals("/") ? "" : path));
  }

  private static boolean bool(String where, String name, @Nullable String value) {
    if (value == null || value.isEmpty() || value.equalsIgnoreCase("true")) {
      return value != null;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigurationException("blob URI '" + where + "': option '" + name + "' must be true or false");
  }

  private static @Nullable String sse(String where, @Nullable String value, boolean kmsKey) {
    if (value == null) {
      return kmsKey ? "aws:kms" : null;
    }
    String v = value.equalsIgnoreCase("AES256") ? "AES256" : value.equalsIgnoreCase("aws:kms") ? "aws:kms" : "";
    if (v.isEmpty()) {
      throw new ConfigurationException("blob URI '" + where + "': option 'sse' must be AES256 (SSE-S3) or aws:kms"
          + " (SSE-KMS)");
    }
    if (kmsKey && !v.equals("aws:kms")) {
      throw new ConfigurationException("blob URI '" + where + "': option 'kmsKeyId' needs sse=aws:kms, not "
          + v);
    }
    return v;
  }

  private static int integer(String where, String name, @Nullable String value, int defaultValue, int min,
      int max) {
    if (value == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException("blob URI '" + where + "': option '" + name + "' must be a whole number"
        + " from " + min + " to " + max);
  }

  private static long size(String where, String name, @Nullable String value, long defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    Matcher m = SIZE.matcher(value);
    if (m.matches()) {
      int shift = switch (m.group(2)) {
        case "KiB" -> 10;
        case "MiB" -> 20;
        case "GiB" -> 30;
        default -> 0;
      };
      long n = Long.parseLong(m.group(1));
      if (n <= (MAX_PART_SIZE >> shift)) {
        long bytes = n << shift;
        if (bytes >= MIN_PART_SIZE) {
          return bytes;
        }
      }
    }
    throw new ConfigurationException("blob URI '" + where + "': option '" + name + "' must be a size from 5MiB"
        + " to 5GiB, in bytes or with a KiB, MiB or GiB suffix");
  }
}
