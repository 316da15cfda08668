package dev.asp.interfaces.rest.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The authentication schemes a resource (class or method) takes, which its 401 answers offer as
 * challenges ({@link AuthenticationChallenges}). Unannotated /v1/asp resources take both.
 */
@Inherited // CDI may hand JAX-RS a proxy subclass of the resource
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AcceptsCredentials {
    CredentialScheme[] value();
}
