// Independent signer for test vectors: the JDK's TreeMap and Signature("SHA256withRSA") with
// Jackson, written from the dialect reference's "signed string" rules, sharing no code with cardhook.
//
// Usage: java -cp <jackson jars>:. Oracle <out.json> <payload.json>...
// Generates fresh 2048/3072/4096-bit keys, signs each payload in every canonical form and
// encoding, and writes the keys, canonical strings and signed bodies as one JSON document.

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class Oracle {
    static final JsonFactory FACTORY = new JsonFactory();
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every top-level member in source order, each as the text the signer uses (`null` for a JSON null). */
    static LinkedHashMap<String, String> memberTexts(String body) throws Exception {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("not an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.getCurrentName();
                JsonToken t = p.nextToken();
                String text;
                switch (t) {
                    case VALUE_NULL: text = null; break;
                    case VALUE_STRING: text = p.getText(); break;
                    case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: text = p.getText(); break;
                    case VALUE_TRUE: text = "true"; break;
                    case VALUE_FALSE: text = "false"; break;
                    default: text = compact(p); break;
                }
                if (out.containsKey(key)) throw new IllegalArgumentException("duplicate key " + key);
                out.put(key, text);
            }
        }
        return out;
    }

    /** Top-level fields except sign and nulls, each as the text the signer uses, in a TreeMap. */
    static TreeMap<String, String> fields(String body) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> m : memberTexts(body).entrySet()) {
            if (m.getValue() != null && !m.getKey().equals("sign")) out.put(m.getKey(), m.getValue());
        }
        return out;
    }

    /** Compact JSON of the structure at the parser, keeping key order and number text. */
    static String compact(JsonParser p) throws Exception {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            copy(p, g);
        }
        return w.toString();
    }

    static void copy(JsonParser p, JsonGenerator g) throws Exception {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT:
                g.writeStartObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    g.writeFieldName(p.getCurrentName());
                    p.nextToken();
                    copy(p, g);
                }
                g.writeEndObject();
                break;
            case START_ARRAY:
                g.writeStartArray();
                while (p.nextToken() != JsonToken.END_ARRAY) copy(p, g);
                g.writeEndArray();
                break;
            case VALUE_STRING: g.writeString(p.getText()); break;
            case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: g.writeNumber(p.getText()); break;
            case VALUE_TRUE: g.writeBoolean(true); break;
            case VALUE_FALSE: g.writeBoolean(false); break;
            case VALUE_NULL: g.writeNull(); break;
            default: throw new IllegalStateException("unexpected " + t);
        }
    }

    static String canonical(TreeMap<String, String> fields, String form) throws Exception {
        switch (form) {
            case "json": return MAPPER.writeValueAsString(fields);
            case "pairs": {
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<String, String> e : fields.entrySet()) {
                    if (sb.length() > 0) sb.append('&');
                    sb.append(e.getKey()).append('=').append(e.getValue());
                }
                return sb.toString();
            }
            case "values": {
                StringBuilder sb = new StringBuilder();
                for (String v : fields.values()) sb.append(v);
                return sb.toString();
            }
            default: throw new IllegalArgumentException(form);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(String.format("%02x", b & 0xff));
        return sb.toString();
    }

    static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    /** The payload text with "sign" appended as the last member, every other byte unchanged. */
    static String withSign(String payload, String sign) {
        int end = payload.lastIndexOf('}');
        String head = payload.substring(0, end);
        boolean empty = head.trim().endsWith("{");
        return head.replaceAll("\\s+$", "") + (empty ? "" : ",") + "\"sign\":\"" + sign + "\"" + payload.substring(end);
    }

    public static void main(String[] args) throws Exception {
        Path outPath = Path.of(args[0]);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generator", "tests/oracle/Oracle.java (JDK " + System.getProperty("java.version")
                + " TreeMap + Signature SHA256withRSA + Jackson " + com.fasterxml.jackson.core.json.PackageVersion.VERSION + ")");
        ObjectNode keysNode = root.putObject("keys");
        Map<String, PrivateKey> privateKeys = new TreeMap<>();
        for (int bits : new int[] {2048, 3072, 4096}) {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
            kpg.initialize(bits);
            KeyPair kp = kpg.generateKeyPair();
            String name = "rsa" + bits;
            ObjectNode k = keysNode.putObject(name);
            k.put("bits", bits);
            k.put("publicKeyPem", pem("PUBLIC KEY", kp.getPublic().getEncoded()));
            k.put("publicKeyBase64", Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()));
            k.put("privateKeyPem", pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            privateKeys.put(name, kp.getPrivate());
        }
        ArrayNode cases = root.putArray("cases");
        for (int i = 1; i < args.length; i++) {
            Path payloadPath = Path.of(args[i]);
            String payload = Files.readString(payloadPath, StandardCharsets.UTF_8);
            String name = payloadPath.getFileName().toString().replace(".json", "");
            TreeMap<String, String> fields = fields(payload);
            List<String[]> combos = new ArrayList<>();
            for (String form : new String[] {"json", "pairs", "values"})
                for (String enc : new String[] {"base64", "hex"}) combos.add(new String[] {"rsa2048", form, enc});
            combos.add(new String[] {"rsa3072", "json", "base64"});
            combos.add(new String[] {"rsa4096", "json", "hex"});
            for (String[] c : combos) {
                String canon = canonical(fields, c[1]);
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(privateKeys.get(c[0]));
                s.update(canon.getBytes(StandardCharsets.UTF_8));
                byte[] sig = s.sign();
                String encoded = c[2].equals("hex") ? hex(sig) : Base64.getEncoder().encodeToString(sig);
                ObjectNode v = cases.addObject();
                v.put("name", name + "/" + c[0] + "/" + c[1] + "/" + c[2]);
                v.put("payload", name);
                v.put("key", c[0]);
                v.put("form", c[1]);
                v.put("encoding", c[2]);
                v.put("canonical", canon);
                v.put("sign", encoded);
                v.put("body", withSign(payload, encoded));
            }
        }
        Files.writeString(outPath, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        System.err.println("oracle: wrote " + cases.size() + " cases to " + outPath);
    }
}
