package dev.mlops.ui.internal;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.artifact.AliasMove;
import dev.mlops.core.artifact.ArtifactFile;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.artifact.Artifacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The read-only JSON views of artifacts: names, versions, aliases and their history, lineage, files, and the
 * validation results, drift reports and profiles stored as JSON artifacts. Thread-safe: it only reads.
 */
public final class ArtifactViews {
  /** The largest artifact read as a report. */
  static final long MAX_REPORT_BYTES = 64L << 20;

  private final Artifacts artifacts;

  /**
   * Creates the views.
   *
   * @param artifacts the store's artifacts
   */
  public ArtifactViews(Artifacts artifacts) {
    this.artifacts = artifacts;
  }

  // ------------------------------------------------------------------ artifacts

  /** @return every artifact name with its version count, latest version, kind and aliases */
  public List<Map<String, Object>> artifacts() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : artifacts.names()) {
      List<ArtifactVersion> versions = artifacts.versions(name);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("versions", versions.size());
      if (!versions.isEmpty()) {
        ArtifactVersion last = versions.get(versions.size() - 1);
        m.put("latest", last.version());
        m.put("kind", last.kind().name());
        m.put("updatedAt", last.createdAt().toString());
      }
      m.put("aliases", new TreeMap<>(artifacts.aliases(name)));
      out.add(m);
    }
    return out;
  }

  /**
   * An artifact: its versions, aliases and each alias's history.
   *
   * @param name the artifact name
   * @return {@code name}, {@code versions}, {@code aliases} and {@code aliasHistory}
   * @throws NotFoundException if the artifact has no versions
   */
  public Map<String, Object> artifact(String name) {
    List<ArtifactVersion> versions = artifacts.versions(name);
    if (versions.isEmpty()) {
      throw new NotFoundException("no artifact named '" + name + "'");
    }
    Map<String, Integer> aliases = new TreeMap<>(artifacts.aliases(name));
    Map<String, Object> history = new TreeMap<>();
    for (String alias : aliases.keySet()) {
      List<Map<String, Object>> moves = new ArrayList<>();
      for (AliasMove move : artifacts.aliasHistory(name, alias)) {
        Map<String, Object> mv = new LinkedHashMap<>();
        mv.put("from", move.from().isPresent() ? move.from().getAsInt() : null);
        mv.put("to", move.to().isPresent() ? move.to().getAsInt() : null);
        mv.put("at", move.at().toString());
        moves.add(mv);
      }
      history.put(alias, moves);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("versions", versions.stream().map(ArtifactViews::version).toList());
    out.put("aliases", aliases);
    out.put("aliasHistory", history);
    return out;
  }

  private static Map<String, Object> version(ArtifactVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref", v.id().toString());
    m.put("name", v.name());
    m.put("version", v.version());
    m.put("kind", v.kind().name());
    m.put("digest", v.digest().toString());
    m.put("size", v.size());
    m.put("directory", v.isDirectory());
    m.put("fileCount", v.fileCount());
    m.put("createdAt", v.createdAt().toString());
    m.put("description", v.description());
    m.put("properties", new TreeMap<>(v.properties()));
    m.put("parents", v.parents().stream().map(ArtifactVersionId::toString).toList());
    m.put("runId", v.runId().orElse(null));
    m.put("producedBy", v.producedBy().orElse(null));
    return m;
  }

  /**
   * A version in full: its fields, its files (one for a file artifact) and its lineage graph up and down.
   *
   * @param ref {@code name}, {@code name@7} or {@code name@alias}
   * @return the version, {@code files} and {@code lineage} ({@code nodes} with a signed {@code depth},
   *     {@code edges} from parent to child)
   * @throws NotFoundException if there is no such version
   */
  public Map<String, Object> versionDetail(String ref) {
    ArtifactVersion v = artifacts.get(ref);
    Map<String, Object> m = version(v);
    List<Map<String, Object>> files = new ArrayList<>();
    if (v.isDirectory()) {
      for (ArtifactFile f : artifacts.files(v)) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("path", f.path());
        fm.put("size", f.size());
        fm.put("digest", f.digest().toString());
        fm.put("executable", f.executable());
        files.add(fm);
      }
    }
    m.put("files", files);
    m.put("lineage", lineage(v));
    m.put("report", reportKind(v));
    return m;
  }

  private Map<String, Object> lineage(ArtifactVersion root) {
    Map<ArtifactVersionId, Integer> depth = new LinkedHashMap<>();
    Map<ArtifactVersionId, ArtifactVersion> nodes = new HashMap<>();
    depth.put(root.id(), 0);
    nodes.put(root.id(), root);
    List<String[]> edges = new ArrayList<>();
    walk(root, -1, depth, nodes, edges, true);
    walk(root, 1, depth, nodes, edges, false);
    List<Map<String, Object>> nodeList = new ArrayList<>();
    depth.forEach((id, d) -> {
      ArtifactVersion v = nodes.get(id);
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("ref", id.toString());
      n.put("kind", v.kind().name());
      n.put("depth", d);
      n.put("runId", v.runId().orElse(null));
      nodeList.add(n);
    });
    List<Map<String, String>> edgeList = edges.stream().map(e -> Map.of("from", e[0], "to", e[1])).toList();
    return Map.of("nodes", nodeList, "edges", edgeList);
  }

  private void walk(ArtifactVersion root, int sign, Map<ArtifactVersionId, Integer> depth,
      Map<ArtifactVersionId, ArtifactVersion> nodes, List<String[]> edges, boolean up) {
    Deque<ArtifactVersion> queue = new ArrayDeque<>(List.of(root));
    Set<ArtifactVersionId> seen = new HashSet<>(Set.of(root.id()));
    while (!queue.isEmpty()) {
      ArtifactVersion v = queue.poll();
      int d = depth.get(v.id());
      for (ArtifactVersion next : up ? artifacts.parents(v) : artifacts.children(v)) {
        edges.add(up ? new String[] {next.id().toString(), v.id().toString()}
            : new String[] {v.id().toString(), next.id().toString()});
        if (seen.add(next.id())) {
          depth.putIfAbsent(next.id(), d + sign);
          nodes.putIfAbsent(next.id(), next);
          queue.add(next);
        }
      }
    }
  }

  /**
   * Opens one file of a version: the path must be one the version lists, so no path can leave it.
   *
   * @param ref the version reference
   * @param path the file's relative path; ignored for a file artifact
   * @return the content; the caller closes it
   * @throws NotFoundException if the version has no such file
   */
  public InputStream openFile(String ref, String path) {
    ArtifactVersion v = artifacts.get(ref);
    if (!v.isDirectory()) {
      return artifacts.open(v);
    }
    for (ArtifactFile f : artifacts.files(v)) {
      if (f.path().equals(path)) {
        return artifacts.open(v, f.path());
      }
    }
    throw new NotFoundException(ref + " has no file '" + path + "'");
  }

  // ------------------------------------------------------------------ reports stored as artifacts

  /**
   * Reads a validation result, drift report or profile stored as a JSON artifact.
   *
   * @param ref the version reference
   * @return {@code kind} ({@code validation}, {@code drift} or {@code profile}), {@code ref} and {@code data}
   * @throws InvalidInputException if the version is not one of those reports
   */
  public Map<String, Object> report(String ref) {
    ArtifactVersion v = artifacts.get(ref);
    if (v.isDirectory() || v.size() > MAX_REPORT_BYTES) {
      throw new InvalidInputException(ref + " is not a report: " + (v.isDirectory() ? "a directory" : "too large"));
    }
    JsonNode data;
    try (InputStream in = artifacts.open(v)) {
      data = Json.parse(in.readAllBytes(), ref);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ref, e);
    }
    String kind = ReportKind.of(data);
    if (kind == null) {
      throw new InvalidInputException(ref + " is JSON but neither a validation result, a drift report nor a profile");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", kind);
    out.put("ref", v.id().toString());
    out.put("data", ReportKind.compact(data));
    return out;
  }

  private @Nullable String reportKind(ArtifactVersion v) {
    if (v.isDirectory() || v.size() > MAX_REPORT_BYTES || !v.properties().getOrDefault("format", "json")
        .toLowerCase(Locale.ROOT).contains("json")) {
      return null;
    }
    try (InputStream in = artifacts.open(v)) {
      byte[] head = in.readNBytes(512);
      String text = new String(head, java.nio.charset.StandardCharsets.UTF_8);
      return ReportKind.sniff(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
