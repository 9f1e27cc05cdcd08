//! TypeScript and JavaScript generated from the Rust definitions (`--features typescript`), so the
//! package cannot drift from the core: every dialect's typed data (through `ts-rs`), the error
//! codes, the dialect ids, the headers read, the `Event` union (typed and untyped events), and each
//! provider's ack. `src/bin/typescript.rs` writes them at build time; the package's hand-written
//! `index.d.ts` declares the functions around them.

use ts_rs::{Config, TS, TypeVisitor};

use crate::dialects::{self, Dialect};
use crate::error::ErrorCode;
use crate::json::write_string;

/// Collects the declarations of typed-data types and of every type they refer to, once each
/// (each dialect's `typescript` visits its data types).
pub struct Types {
    config: Config,
    names: Vec<String>,
    declarations: Vec<String>,
}

impl Types {
    fn new() -> Self {
        Types {
            // Typed integers are within ±(2^53 − 1) (checked when read), so `number` is exact.
            config: Config::new().with_large_int("number"),
            names: Vec::new(),
            declarations: Vec::new(),
        }
    }
}

impl TypeVisitor for Types {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Only derived types have an output path; primitives and `Option`/`Vec` are inlined.
        if T::output_path().is_none() {
            return;
        }
        let name = T::name(&self.config);
        if self.names.contains(&name) {
            return;
        }
        self.names.push(name);
        let docs = T::docs().map(|d| format!("{d}\n")).unwrap_or_default();
        self.declarations
            .push(format!("{docs}export {}", T::decl(&self.config)));
        T::visit_dependencies(self);
    }
}

/// A TypeScript string literal (JSON string syntax is valid TypeScript).
fn literal(text: &str) -> String {
    let mut out = String::new();
    write_string(text, &mut out);
    out
}

fn union(items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .map(|item| format!("\n  | {item}"))
        .collect()
}

/// True when `name` is declared among `types`, or is a TypeScript built-in the spec may use.
fn known(types: &Types, name: &str) -> bool {
    name == "Record<string, unknown>" || types.names.iter().any(|n| n == name)
}

/// The declarations spliced into the package's `index.d.ts`. Panics (at build time) when a
/// dialect names a data type that no Rust type declares.
pub fn declarations() -> String {
    let mut types = Types::new();
    dialects::typescript_types(&mut types);

    let mut out = String::from(
        "// ---- generated from the Rust definitions by `cardhook-typescript`: do not edit ----\n\n",
    );
    out.push_str("/** Every stable error code (`err.code`). */\nexport type ErrorCode =");
    out.push_str(&union(ErrorCode::ALL.iter().map(|c| literal(c.as_str()))));
    out.push_str(";\n\n/** Dialect ids. */\nexport type DialectId =");
    out.push_str(&union(Dialect::all().map(|d| literal(d.as_str()))));
    out.push_str(
        ";\n\n/** The credential option a verifier of each signed dialect's pushes needs. */\nexport interface DialectCredentials {\n",
    );
    for dialect in Dialect::all() {
        if let Some(setting) = dialect.credential() {
            let option = match setting {
                crate::error::Setting::PublicKey => "publicKey",
                _ => "secret",
            };
            out.push_str(&format!(
                "  {}: {};\n",
                literal(dialect.as_str()),
                literal(option)
            ));
        }
    }
    out.push_str("}\n\n/** The ids of dialects whose pushes carry a signature. */\nexport type SignedDialectId = keyof DialectCredentials;\n\n");
    for declaration in &types.declarations {
        out.push_str(declaration);
        out.push_str("\n\n");
    }

    let mut typed = Vec::new();
    let mut untyped = Vec::new();
    let mut aliases = Vec::new();
    for dialect in Dialect::all() {
        let spec = dialect.spec();
        let id = literal(spec.id);
        for events in spec.typed_events {
            assert!(
                known(&types, events.data),
                "{}: no Rust type declares `{}`",
                spec.id,
                events.data
            );
            let names: Vec<String> = events.types.iter().map(|t| literal(t)).collect();
            if let Some(alias) = events.alias {
                aliases.push(format!(
                    "/** The `type`s of {} events whose `data` is `{}`. */\nexport type {alias} = {};\n",
                    spec.id,
                    events.data,
                    names.join(" | ")
                ));
            }
            typed.push(format!(
                "EventBase<{id}, {}, {}>",
                names.join(" | "),
                events.data
            ));
        }
        assert!(
            known(&types, spec.untyped_data),
            "{}: no Rust type declares `{}`",
            spec.id,
            spec.untyped_data
        );
        untyped.push(format!(
            "EventBase<{id}, UntypedEventName, {}>",
            spec.untyped_data
        ));
    }
    // The untyped events are part of `Event` because the runtime returns them; their `type` is
    // `UntypedEventName` (declared in `index.d.ts`), a string no literal compares equal to, so
    // narrowing on a known name still selects only its typed event.
    out.push_str(
        "/**\n * A decoded webhook: narrow on `dialect` and `type` to get typed `data`.\n *\n \
         * Providers add events: an event whose name this version does not type still decodes,\n \
         * with `data` holding its fields as received (`UntypedEvent`). Its `type` is an\n \
         * `UntypedEventName`, which no known name narrows to: it reaches the `default` branch.\n \
         */\nexport type Event =",
    );
    out.push_str(&union(typed));
    out.push_str("\n  | UntypedEvent");
    out.push_str(
        ";\n\n/** The events whose name this version does not type, as the runtime returns them. */\nexport type UntypedEvent =",
    );
    out.push_str(&union(untyped));
    out.push_str(";\n\n");
    out.push_str(&aliases.join("\n"));
    out.push_str("\n/** The reply each dialect's provider expects for an accepted event. */\nexport interface Acks {\n");
    for dialect in Dialect::all() {
        let ack = dialect.ack();
        out.push_str(&format!(
            "  {}: {{ status: {}; headers: {{ 'content-type': {} }}; body: {} }};\n",
            literal(dialect.as_str()),
            ack.status,
            literal(ack.content_type),
            literal(ack.body)
        ));
    }
    out.push_str("}\n");
    out
}

/// The constants the package's JavaScript needs from the core, as an ES module.
pub fn javascript() -> String {
    let defaults = crate::json::Limits::default();
    let list = |items: Vec<&str>| {
        items
            .into_iter()
            .map(literal)
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "// Generated from the Rust definitions by `cardhook-typescript`: do not edit.\n\n\
         /** Every error code, as in Rust's `ErrorCode::ALL`. */\n\
         export const ERROR_CODES = Object.freeze([{}]);\n\n\
         /** The only headers any dialect reads: only these cross into wasm. */\n\
         export const HEADERS_READ = Object.freeze([{}]);\n\n\
         /** The default limits for untrusted bodies. */\n\
         export const DEFAULT_LIMITS = Object.freeze({{ maxBodyBytes: {}, maxDepth: {} }});\n\n\
         /** When a provider that documents no schedule retries: seconds after each failed attempt. */\n\
         export const DEFAULT_RETRY_AFTER_SECONDS = Object.freeze([{}]);\n",
        list(ErrorCode::ALL.iter().map(|c| c.as_str()).collect()),
        list(dialects::headers_read()),
        defaults.max_body_bytes,
        defaults.max_depth,
        dialects::DEFAULT_RETRIES
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    )
}
