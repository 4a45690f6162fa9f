-- Version 1 of the mlops storage schema on PostgreSQL. Keys sort in "C" collation, which is Java's
-- String order for the ASCII characters a storage key may hold, so listings by prefix are index ranges.

CREATE TABLE mlops_records (
  key     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  value   BYTEA NOT NULL
);

-- One row per series: its id and the position the next batch starts at. Appenders lock this row, so
-- the positions of a series are contiguous and its batches never interleave.
CREATE TABLE mlops_series (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key           TEXT COLLATE "C" NOT NULL UNIQUE,
  next_position BIGINT NOT NULL
);

-- batch_end is the position after the last entry of the entry's batch, so a page can end on a batch.
CREATE TABLE mlops_series_entries (
  series_id BIGINT NOT NULL,
  position  BIGINT NOT NULL,
  batch_end BIGINT NOT NULL,
  value     BYTEA NOT NULL,
  PRIMARY KEY (series_id, position)
);

-- A blob is visible once its row here commits, in the same transaction as all its chunks.
CREATE TABLE mlops_blobs (
  digest       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  content_id   BIGINT NOT NULL UNIQUE,
  size         BIGINT NOT NULL CHECK (size >= 0),
  last_written BIGINT NOT NULL
);

CREATE TABLE mlops_blob_chunks (
  content_id  BIGINT NOT NULL,
  chunk_index INTEGER NOT NULL,
  data        BYTEA NOT NULL,
  PRIMARY KEY (content_id, chunk_index)
);

-- chunks are already dense (models, compressed data); do not spend CPU trying to compress them
ALTER TABLE mlops_blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
