package io.flowforge.connector;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that is public only because FlowForge's own modules share it (the JDBC read path
 * used by the PostgreSQL COPY reader, the MySQL-protocol readers...). Connectors and applications
 * must not use it: it changes without notice. Every other public type of the connector packages
 * is {@link PublicEvolving}; a test fails when a public type carries neither mark.
 */
@PublicEvolving
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Internal {}
