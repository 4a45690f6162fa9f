-- Version 1 of the mlops storage schema on SQLite. TEXT compares with BINARY collation, which is
-- Java's String order for the ASCII characters a storage key may hold.

CREATE TABLE mlops_records (
  key     TEXT NOT NULL PRIMARY KEY,
  version INTEGER NOT NULL CHECK (version >= 1),
  value   BLOB NOT NULL
);

CREATE TABLE mlops_series (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  next_position INTEGER NOT NULL
);

CREATE TABLE mlops_series_entries (
  series_id INTEGER NOT NULL,
  position  INTEGER NOT NULL,
  batch_end INTEGER NOT NULL,
  value     BLOB NOT NULL,
  PRIMARY KEY (series_id, position)
) WITHOUT ROWID;

CREATE TABLE mlops_blobs (
  digest       TEXT NOT NULL PRIMARY KEY,
  content_id   INTEGER NOT NULL UNIQUE,
  size         INTEGER NOT NULL CHECK (size >= 0),
  last_written INTEGER NOT NULL
);

CREATE TABLE mlops_blob_chunks (
  content_id  INTEGER NOT NULL,
  chunk_index INTEGER NOT NULL,
  data        BLOB NOT NULL,
  PRIMARY KEY (content_id, chunk_index)
);
