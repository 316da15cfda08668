package dev.asp.interfaces.rest.body;

import java.io.IOException;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.IJson;

/**
 * A JSON request body becomes text here and nowhere else (spec 10, RFC 8259 §8.1, RFC 7493 §2.1):
 * only UTF-8, declared or not, and only well-formed UTF-8: a 0xFF byte or the overlong C0 AF is
 * refused, not turned into U+FFFD and signed over. Resources then read the text with {@link IJson}.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class StrictJsonBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (context.getType() != String.class || !isJson(type)) {
            return context.proceed();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw DomainException.malformed("a JSON body is UTF-8 (RFC 8259 §8.1), not " + charset);
        }
        byte[] bytes;
        try {
            bytes = context.getInputStream().readAllBytes();
        } catch (DomainException e) {
            throw e;
        } catch (IOException e) {
            throw BodyReadFailure.of(e);
        }
        try {
            return IJson.utf8(bytes);
        } catch (IJson.NotIJson e) {
            throw DomainException.malformed(e.getMessage());
        }
    }

    private static boolean isJson(MediaType type) {
        return type != null && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
    }
}
