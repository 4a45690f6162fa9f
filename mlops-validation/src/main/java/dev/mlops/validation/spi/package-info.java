/**
 * Service provider interface for custom validation rules found through {@link java.util.ServiceLoader}: a
 * row-level rule implements {@link dev.mlops.validation.spi.RuleProvider} (listed in
 * {@code META-INF/services/dev.mlops.validation.spi.RuleProvider}); a table-level rule with a mergeable state
 * implements {@link dev.mlops.validation.spi.AggregateRuleProvider} (listed in
 * {@code META-INF/services/dev.mlops.validation.spi.AggregateRuleProvider}) returning an
 * {@link dev.mlops.validation.spi.AggregateRule}.
 */
@NullMarked
package dev.mlops.validation.spi;

import org.jspecify.annotations.NullMarked;
