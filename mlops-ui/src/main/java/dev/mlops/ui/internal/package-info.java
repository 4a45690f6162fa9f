/** The UI's implementation: the HTTP server, the JSON views of a store, downsampling and web assets. */
@NullMarked
package dev.mlops.ui.internal;

import org.jspecify.annotations.NullMarked;
