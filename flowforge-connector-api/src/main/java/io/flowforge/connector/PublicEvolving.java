package io.flowforge.connector;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type as part of FlowForge's public surface: what applications call ({@code Connectors},
 * {@code DatabaseConnector}) and what a connector author builds on (the SPI of
 * {@code io.flowforge.connector.jdbc}: {@code JdbcConnectorFactory}, {@code DefaultJdbcDialect},
 * {@code JdbcCatalog}, {@code JdbcTypeMapping}, {@code StandardColumnMappings}...). It may still
 * change between minor versions while the project is young, and such a change is called out in
 * the release notes. Nested types share their enclosing type's mark.
 */
@PublicEvolving
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicEvolving {}
