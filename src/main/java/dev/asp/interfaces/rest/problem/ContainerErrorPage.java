package dev.asp.interfaces.rest.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.asp.domain.shared.ProblemCode;
import dev.asp.interfaces.scim.ScimException;
import dev.asp.interfaces.scim.ScimMedia;

/**
 * The web application's error page (WEB-INF/web.xml): what the web container answers itself, before
 * or around JAX-RS — a URI with an encoded {@code /}, {@code \}, {@code #} or bytes that are not
 * UTF-8, an error that escapes the application such as an {@code OutOfMemoryError} — is a problem
 * document (spec 10), or SCIM's error schema under /scim/v2 (RFC 7644 3.12), never the container's
 * HTML page with its message ids and class names. Asked for directly it is a path like any unknown one.
 */
@WebServlet(ContainerErrorPage.PATH)
public class ContainerErrorPage extends HttpServlet {
    static final String PATH = "/container-error";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = uri == null ? 404 : status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE), failure);
        String instance = uri == null ? request.getRequestURI() : uri;
        ProblemCode code = ProblemCode.forStatus(status);
        String detail = detail(status, code);
        Map<String, Object> extensions = Map.of();
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "incident " + incident + " on " + instance + " (answered by the web container)", failure);
            detail = "unexpected error; incident " + incident;
            extensions = Map.of("incident", incident);
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body;
        if (ScimMedia.isScimPath(instance)) {
            response.setContentType(ScimMedia.SCIM_JSON);
            body = ScimException.body(status, null, detail).toString();
        } else {
            response.setContentType(Problems.MEDIA_TYPE);
            body = Problems.document(code, detail, instance, extensions).toString();
        }
        response.getWriter().write(body);
    }

    private static int status(Object code, Throwable failure) {
        if (code instanceof Integer i && i >= 400) {
            return i;
        }
        return failure == null ? 404 : 500;
    }

    // The container's own text names its message ids and classes; the client gets what was wrong with the request.
    private static String detail(int status, ProblemCode code) {
        return switch (status) {
            case 400 -> "the request URI or its headers cannot be read: an encoded '/', '\\', '#' or NUL, or bytes that are not UTF-8";
            case 404 -> "no such resource";
            default -> code.title();
        };
    }
}
