// Independent signer for the declared-scheme vectors' sorted-field cases (run by `node tests/oracle/scheme-vectors.mjs`, which compiles and calls it):
// JDK TreeMap + Signature("SHA256withRSA") + Mac + Jackson's streaming parser, written from the scheme rules, sharing no code with cardhook.
//
// Usage: java -cp <jackson jars>:<classes> SchemeOracle <in.json> <out.json>
// in.json:  {"keys": {"main": "<PKCS#8 PEM>", ...},
//            "jobs": [{"id", "body", "headers": {name: value}, "signatureField": "sign" | null,
//                      "fields": {"form", "omit", "exclude", "headers"},
//                      "sign": {"algorithm": "rsa-sha256"|"hmac-sha256"|"hmac-sha512", "key" | "secret", "encoding": "base64"|"hex"} | absent}]}
// out.json: {"generator", "results": {id: {"signedString", "signedView", "signature"?} | {"error"}}}
//   signedView: the signed body members alone (no header fields), in TreeMap order, as [name, text] pairs.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class SchemeOracle {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The fields spec of one job, defaults filled in as the scheme rules give them. */
    static final class Spec {
        String form = "json";
        boolean omitEmpty = false;
        List<String> exclude = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        String signatureField = null;
    }

    static Spec spec(JsonNode job) {
        Spec s = new Spec();
        JsonNode f = job.path("fields");
        if (f.has("form")) s.form = f.get("form").asText();
        for (JsonNode o : f.path("omit")) {
            if (o.asText().equals("empty")) s.omitEmpty = true;
        }
        for (JsonNode e : f.path("exclude")) s.exclude.add(e.asText());
        for (JsonNode h : f.path("headers")) s.headers.add(h.asText());
        if (job.hasNonNull("signatureField")) s.signatureField = job.get("signatureField").asText();
        return s;
    }

    /** The sorted body members that are signed: minus the signature field, exclusions, nulls, maybe empties. */
    static TreeMap<String, String> bodyFields(String body, Spec spec) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> m : Oracle.memberTexts(body).entrySet()) {
            String key = m.getKey();
            String text = m.getValue();
            if (key.equals(spec.signatureField) || spec.exclude.contains(key)) continue;
            if (text == null) continue;
            // Only a string's text can be empty (numbers, booleans and nested JSON never are).
            if (spec.omitEmpty && text.isEmpty()) continue;
            out.put(key, text);
        }
        return out;
    }

    /** The sorted field map: the signed body members, then header fields. */
    static TreeMap<String, String> fields(String body, Map<String, String> headers, Spec spec) throws Exception {
        TreeMap<String, String> out = bodyFields(body, spec);
        for (String name : spec.headers) {
            String value = null;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) value = h.getValue();
            }
            if (value == null) throw new IllegalArgumentException("missing header " + name);
            if (spec.omitEmpty && value.isEmpty()) continue;
            out.put(name, value);
        }
        return out;
    }

    static PrivateKey privateKey(String pem) throws Exception {
        String b64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    static byte[] sign(JsonNode how, String message, Map<String, PrivateKey> keys) throws Exception {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        String alg = how.get("algorithm").asText();
        switch (alg) {
            case "rsa-sha256": {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(keys.get(how.get("key").asText()));
                s.update(msg);
                return s.sign();
            }
            case "hmac-sha256": case "hmac-sha512": {
                String jca = alg.equals("hmac-sha256") ? "HmacSHA256" : "HmacSHA512";
                Mac mac = Mac.getInstance(jca);
                mac.init(new SecretKeySpec(how.get("secret").asText().getBytes(StandardCharsets.UTF_8), jca));
                return mac.doFinal(msg);
            }
            default: throw new IllegalArgumentException("algorithm " + alg);
        }
    }

    public static void main(String[] args) throws Exception {
        JsonNode in = MAPPER.readTree(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        Map<String, PrivateKey> keys = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.path("keys").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            keys.put(e.getKey(), privateKey(e.getValue().asText()));
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generator", "tests/oracle/SchemeOracle.java (JDK " + System.getProperty("java.version")
                + " TreeMap + Signature SHA256withRSA + Mac + Jackson " + com.fasterxml.jackson.core.json.PackageVersion.VERSION + ")");
        ObjectNode results = root.putObject("results");
        for (JsonNode job : in.path("jobs")) {
            ObjectNode r = results.putObject(job.get("id").asText());
            Map<String, String> headers = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = job.path("headers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                headers.put(e.getKey(), e.getValue().asText());
            }
            Spec spec = spec(job);
            String canon;
            try {
                canon = Oracle.canonical(fields(job.get("body").asText(), headers, spec), spec.form);
            } catch (IllegalArgumentException e) {
                r.put("error", e.getMessage());
                continue;
            }
            r.put("signedString", canon);
            ArrayNode view = r.putArray("signedView");
            for (Map.Entry<String, String> f : bodyFields(job.get("body").asText(), spec).entrySet()) {
                view.addArray().add(f.getKey()).add(f.getValue());
            }
            if (job.has("sign")) {
                JsonNode how = job.get("sign");
                byte[] sig = sign(how, canon, keys);
                String enc = how.path("encoding").asText("base64").toLowerCase(Locale.ROOT);
                r.put("signature", enc.equals("hex") ? Oracle.hex(sig) : Base64.getEncoder().encodeToString(sig));
            }
        }
        Files.writeString(Path.of(args[1]), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        System.err.println("scheme-oracle: " + results.size() + " jobs to " + args[1]);
    }
}
