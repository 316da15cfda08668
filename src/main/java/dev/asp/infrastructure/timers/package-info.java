/**
 * EJB timers: persistent ones ({@code @Timeout}, {@code createSingleActionTimer}) for deadlines that
 * must survive restarts, {@code @Schedule} for housekeeping. Each calls one application service and
 * is idempotent: a persistent timer can fire late or twice (docs/architecture.md).
 */
package dev.asp.infrastructure.timers;
