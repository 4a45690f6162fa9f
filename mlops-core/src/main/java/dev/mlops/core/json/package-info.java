/**
 * Canonical JSON (RFC 8785, the JSON Canonicalization Scheme): one byte sequence per JSON value, so
 * that what is hashed is equal across machines, JVMs, locales and map orders.
 */
@NullMarked
package dev.mlops.core.json;

import org.jspecify.annotations.NullMarked;
