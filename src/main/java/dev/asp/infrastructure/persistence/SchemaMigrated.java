package dev.asp.infrastructure.persistence;

/**
 * Fired (CDI, synchronously) once at start-up when the schema is current, before the application
 * serves anything: set-up that needs the tables (the operator credential) observes it.
 */
public record SchemaMigrated() {
}
