/**
 * The worker threads mlops runs parallel work on: {@link dev.mlops.core.work.WorkerPool}.
 *
 * <p>Every module (artifacts, tracking, validation) runs its parallel work through one pool: by default the
 * process-wide {@link dev.mlops.core.work.WorkerPool#shared()} pool, or the executor handed to
 * {@link dev.mlops.core.MlopsStore#builder()}. Work is split into jobs that the calling thread always helps
 * with, so a job never waits for a pool that other jobs keep busy and nested jobs cannot deadlock.
 */
@NullMarked
package dev.mlops.core.work;

import org.jspecify.annotations.NullMarked;
