/**
 * JMS on Liberty's messaging engine (server.xml: messaging-3.1, messagingServer-3.0, mdb-4.0): the
 * producers and the message-driven beans. Empty until the first consumer lands (the dispute MDB).
 * The precedent (docs/architecture.md): an MDB here decodes the message, calls one application
 * service, and is idempotent, because JMS redelivers; a producer sends inside the transaction that
 * records the change, so a rolled-back change sends nothing.
 */
package dev.asp.infrastructure.messaging;
