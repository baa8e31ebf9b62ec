package io.mercato.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Explicit JSON mapping of {@link Manifest} (no reflection, so the on-disk layout is stable). */
final class ManifestJson {
    static final String MAGIC = "mercato-model";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestJson() {
    }

    static byte[] write(Manifest m) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", MAGIC);
        root.put("formatVersion", m.formatVersion());
        root.put("kind", m.kind());
        root.put("kindVersion", m.kindVersion());
        Provenance p = m.provenance();
        ObjectNode prov = root.putObject("provenance");
        prov.put("libraryVersion", p.libraryVersion());
        prov.put("createdAt", p.createdAt().toString());
        prov.put("dataFingerprint", p.dataFingerprint());
        prov.put("trainingExamples", p.trainingExamples());
        prov.put("trainingSeconds", p.trainingSeconds());
        ObjectNode hp = prov.putObject("hyperParameters");
        p.hyperParameters().forEach(hp::put);
        ObjectNode metrics = prov.putObject("metrics");
        p.metrics().forEach((k, v) -> metrics.put(k, v));
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Parses a manifest; throws IllegalArgumentException describing the first problem. */
    static Manifest read(byte[] json) throws java.io.IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("manifest.json is not a JSON object");
        }
        if (!MAGIC.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("manifest.json does not declare format '" + MAGIC + "'");
        }
        int formatVersion = requiredInt(root, "formatVersion");
        String kind = requiredText(root, "kind");
        int kindVersion = requiredInt(root, "kindVersion");
        JsonNode prov = root.path("provenance");
        if (!prov.isObject()) {
            throw new IllegalArgumentException("manifest.json has no 'provenance' object");
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(requiredText(prov, "createdAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("manifest.json: provenance.createdAt is not an ISO-8601 instant");
        }
        Map<String, String> hp = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = prov.path("hyperParameters").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            hp.put(e.getKey(), e.getValue().asText());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = prov.path("metrics").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            metrics.put(e.getKey(), e.getValue().asDouble(Double.NaN));
        }
        Provenance p = new Provenance(requiredText(prov, "libraryVersion"), createdAt,
                prov.path("dataFingerprint").asText(""), prov.path("trainingExamples").asLong(0),
                prov.path("trainingSeconds").asDouble(0), hp, metrics);
        return new Manifest(formatVersion, kind, kindVersion, p);
    }

    private static int requiredInt(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("manifest.json: '" + field + "' is missing or not an integer");
        }
        return v.intValue();
    }

    private static String requiredText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("manifest.json: '" + field + "' is missing or not a non-empty string");
        }
        return v.asText();
    }
}
