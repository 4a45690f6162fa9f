/**
 * Service provider interface for custom validation rules found through {@link java.util.ServiceLoader}:
 * implement {@link dev.mlops.validation.spi.RuleProvider} and list it in
 * {@code META-INF/services/dev.mlops.validation.spi.RuleProvider}.
 */
@NullMarked
package dev.mlops.validation.spi;

import org.jspecify.annotations.NullMarked;
