package dev.asp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** The chart in helm/: lints, and renders what a cluster needs for each way of running the service. */
class HelmChartTest {
    private static final Path CHART = Path.of(System.getProperty("asp.helm.dir", "helm"));
    private static final String PG = "jdbc:postgresql://postgres:5432/asp";

    private static List<Map<String, Object>> render(UnaryOperator<TemplateCommand> values) {
        String yaml = values.apply(new Helm(CHART).template().withName("asp")).call();
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(yaml)) {
            if (doc != null) {
                manifests.add(map(doc));
            }
        }
        return manifests;
    }

    private static List<Map<String, Object>> kind(List<Map<String, Object>> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    private static Map<String, Object> only(List<Map<String, Object>> manifests, String kind) {
        List<Map<String, Object>> found = kind(manifests, kind);
        assertEquals(1, found.size(), () -> "one " + kind + " in " + manifests);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = current instanceof List<?> l ? l.get(Integer.parseInt(step)) : map(current).get(step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static Map<String, Object> container(List<Map<String, Object>> manifests) {
        return map(at(only(manifests, "Deployment"), "spec", "template", "spec", "containers", "0"));
    }

    private static Optional<Map<String, Object>> env(Map<String, Object> container, String name) {
        return list(container.get("env")).stream().map(HelmChartTest::map).filter(e -> name.equals(e.get("name"))).findFirst();
    }

    @Test
    void chartLints() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    @Test
    void defaultsRunOnePodOnTheEmbeddedDatabase() {
        List<Map<String, Object>> manifests = render(t -> t);
        assertEquals(1, at(only(manifests, "Deployment"), "spec", "replicas"));
        Map<String, Object> c = container(manifests);
        assertTrue(env(c, "ASP_DB_URL").isEmpty(), "no database settings: the embedded default");
        assertTrue(kind(manifests, "Secret").isEmpty());
        assertTrue(kind(manifests, "Ingress").isEmpty());
        assertTrue(kind(manifests, "PersistentVolumeClaim").isEmpty());
        assertEquals("asp:1.0.0", c.get("image"), "the tag defaults to the appVersion");
        assertEquals("JSON", env(c, "WLP_LOGGING_CONSOLE_FORMAT").orElseThrow().get("value"));
    }

    @Test
    void theContainerDoesNotPollForChangedFiles() {
        assertEquals("disabled", env(container(render(t -> t)), "ASP_UPDATE_TRIGGER").orElseThrow().get("value"));
    }

    @Test
    void probesAskLibertysHealthEndpointsOnTheHttpPort() {
        Map<String, Object> c = container(render(t -> t));
        assertEquals("/health/ready", at(c, "readinessProbe", "httpGet", "path"));
        assertEquals("/health/live", at(c, "livenessProbe", "httpGet", "path"));
        assertEquals("/health/started", at(c, "startupProbe", "httpGet", "path"));
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertEquals("http", at(c, probe, "httpGet", "port"), probe);
        }
        assertEquals(9080, at(c, "ports", "0", "containerPort"));
        assertEquals("http", at(c, "ports", "0", "name"));
        assertEquals("9080", env(c, "http_port").orElseThrow().get("value"));
    }

    @Test
    void serviceRoutesToTheNamedHttpPort() {
        Map<String, Object> service = only(render(t -> t.set("service.port", 8080)), "Service");
        assertEquals(8080, at(service, "spec", "ports", "0", "port"));
        assertEquals("http", at(service, "spec", "ports", "0", "targetPort"));
        assertEquals("asp", at(service, "spec", "selector", "app.kubernetes.io/instance"));
    }

    @Test
    void replicasAreConfigurableWithPostgres() {
        List<Map<String, Object>> manifests = render(t -> t.set("replicaCount", 3).set("existingSecret", "asp-db"));
        assertEquals(3, at(only(manifests, "Deployment"), "spec", "replicas"));
    }

    @Test
    void databaseAndOperatorSettingsComeFromTheExistingSecret() {
        Map<String, Object> c = container(render(t -> t.set("replicaCount", 2).set("existingSecret", "asp-db")));
        for (String key : List.of("ASP_DB_URL", "ASP_DB_USER", "ASP_DB_PASSWORD", "ASP_OPERATOR_TOKEN")) {
            Map<String, Object> e = env(c, key).orElseThrow(() -> new AssertionError(key + " missing"));
            assertEquals("asp-db", at(e, "valueFrom", "secretKeyRef", "name"), key);
            assertEquals(key, at(e, "valueFrom", "secretKeyRef", "key"), key);
            assertFalse(e.containsKey("value"), "never a literal secret");
        }
    }

    @Test
    void databaseValuesGoIntoARenderedSecretNotThePodSpec() {
        List<Map<String, Object>> manifests = render(t -> t.set("replicaCount", 2).set("database.url", PG)
                .set("database.user", "asp").set("database.password", "s3cret").set("operatorToken", "opr_x")
                .set("podAnnotations.team", "asp"));
        Map<String, Object> secret = only(manifests, "Secret");
        assertEquals(Map.of("ASP_DB_URL", PG, "ASP_DB_USER", "asp", "ASP_DB_PASSWORD", "s3cret", "ASP_OPERATOR_TOKEN", "opr_x"),
                secret.get("stringData"));
        String secretName = (String) at(secret, "metadata", "name");
        Map<String, Object> c = container(manifests);
        assertEquals(secretName, at(env(c, "ASP_DB_PASSWORD").orElseThrow(), "valueFrom", "secretKeyRef", "name"));
        assertFalse(new Yaml().dump(only(manifests, "Deployment")).contains("s3cret"), "the password is not in the Deployment");
        assertTrue(map(at(only(manifests, "Deployment"), "spec", "template", "metadata", "annotations")).containsKey("checksum/secret"),
                "pods roll when the secret changes");
        assertEquals("asp", at(only(manifests, "Deployment"), "spec", "template", "metadata", "annotations", "team"));
    }

    @Test
    void severalReplicasWithoutPostgresAreRefused() {
        assertThrows(RuntimeException.class, () -> render(t -> t.set("replicaCount", 3)));
    }

    @Test
    void anotherDatabaseThanPostgresIsRefused() {
        assertThrows(RuntimeException.class, () -> render(t -> t.set("database.url", "jdbc:mysql://db/asp")));
    }

    @Test
    void persistenceKeepsTheEmbeddedDatabaseOfASinglePod() {
        List<Map<String, Object>> manifests = render(t -> t.set("persistence.enabled", true).set("persistence.size", "5Gi"));
        Map<String, Object> pvc = only(manifests, "PersistentVolumeClaim");
        assertEquals("5Gi", at(pvc, "spec", "resources", "requests", "storage"));
        Map<String, Object> deployment = only(manifests, "Deployment");
        assertEquals("Recreate", at(deployment, "spec", "strategy", "type"));
        assertEquals(at(pvc, "metadata", "name"), at(deployment, "spec", "template", "spec", "volumes", "0", "persistentVolumeClaim", "claimName"));
        assertEquals("/opt/ol/wlp/output/defaultServer/data", at(container(manifests), "volumeMounts", "0", "mountPath"));
        assertThrows(RuntimeException.class, () -> render(t -> t.set("persistence.enabled", true).set("replicaCount", 2)
                .set("existingSecret", "asp-db")));
    }

    @Test
    void podsRunUnprivilegedWithResources() {
        List<Map<String, Object>> manifests = render(t -> t);
        Map<String, Object> pod = map(at(only(manifests, "Deployment"), "spec", "template", "spec"));
        assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
        Map<String, Object> c = container(manifests);
        assertEquals(false, at(c, "securityContext", "allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), at(c, "securityContext", "capabilities", "drop"));
        assertTrue(map(at(c, "resources", "requests")).containsKey("memory"));
        assertTrue(map(at(c, "resources", "limits")).containsKey("memory"));
    }

    @Test
    void ingressIsOptionalAndRoutesToTheService() {
        List<Map<String, Object>> manifests = render(t -> t.set("ingress.enabled", true).set("ingress.className", "nginx")
                .set("ingress.hosts[0].host", "asp.example.org").set("publicUrl", "https://asp.example.org"));
        Map<String, Object> ingress = only(manifests, "Ingress");
        assertEquals("nginx", at(ingress, "spec", "ingressClassName"));
        assertEquals("asp.example.org", at(ingress, "spec", "rules", "0", "host"));
        Map<String, Object> backend = map(at(ingress, "spec", "rules", "0", "http", "paths", "0", "backend", "service"));
        assertEquals(at(only(manifests, "Service"), "metadata", "name"), backend.get("name"));
        assertEquals("https://asp.example.org", env(container(manifests), "ASP_PUBLIC_URL").orElseThrow().get("value"));
    }
}
