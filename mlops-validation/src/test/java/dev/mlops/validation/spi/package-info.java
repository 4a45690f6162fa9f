/** Test rule providers. */
@NullMarked
package dev.mlops.validation.spi;

import org.jspecify.annotations.NullMarked;
