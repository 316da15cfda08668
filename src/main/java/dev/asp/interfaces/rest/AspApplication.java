package dev.asp.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Agent Session Protocol (ASP) 1.0", version = "1.0",
        description = "Sessions where agents of different organizations negotiate in signed, hash-chained messages. "
                + "Errors are RFC 9457 problem documents (application/problem+json) with a `code` member."))
public class AspApplication extends Application {
}
