/**
 * The implementation of the database backends: one store class per kind of data over a shared
 * {@link dev.mlops.storage.jdbc.internal.Database}, URI parsing per database, and schema migrations.
 * No compatibility promise.
 */
@NullMarked
package dev.mlops.storage.jdbc.internal;

import org.jspecify.annotations.NullMarked;
