//! Properties of the signed string over random payloads (the Java oracle checks the same
//! generator's output byte for byte in `make test`): member order and insignificant whitespace
//! never change it, the parser round-trips its own compact output, and `sign` never counts.
#![cfg(not(target_arch = "wasm32"))]

use cardhook::{CanonicalForm, Limits, json, sorted_signed_input};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum V {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<V>),
    Obj(Vec<(String, V)>),
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('a'),
            Just('Z'),
            Just('_'),
            Just('"'),
            Just('\\'),
            Just('/'),
            Just('\n'),
            Just('\u{1}'),
            Just('é'),
            Just('中'),
            Just('😀'),
            Just('\u{ff21}'),
            Just('\u{e000}'),
            Just('\u{2028}'),
            Just(' '),
        ],
        0..6,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("100.00".to_owned()),
        Just("-0".to_owned()),
        Just("1E5".to_owned()),
        Just("9007199254740993".to_owned()),
        Just("0.10".to_owned()),
        Just("-1.5e-7".to_owned()),
        (0u64..1_000_000).prop_map(|n| n.to_string()),
    ]
}

fn value() -> impl Strategy<Value = V> {
    let leaf = prop_oneof![
        Just(V::Null),
        any::<bool>().prop_map(V::Bool),
        number().prop_map(V::Num),
        text().prop_map(V::Str),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(V::Arr),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|m| V::Obj(m.into_iter().collect())),
        ]
    })
}

fn payload() -> impl Strategy<Value = Vec<(String, V)>> {
    prop::collection::btree_map(
        text().prop_filter("not sign", |k| k != "sign"),
        value(),
        1..8,
    )
    .prop_map(|m| m.into_iter().collect())
}

fn escape(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) > 0x7f && (c as u32) % 2 == 0 => {
                // Some non-ASCII written as \u escapes (surrogate pairs beyond the BMP).
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn render(v: &V, ws: &str, out: &mut String) {
    match v {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Num(n) => out.push_str(n),
        V::Str(s) => escape(s, out),
        V::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    out.push_str(ws);
                }
                render(item, ws, out);
            }
            out.push(']');
        }
        V::Obj(members) => render_members(members.iter(), ws, out),
    }
}

fn render_members<'a>(members: impl Iterator<Item = &'a (String, V)>, ws: &str, out: &mut String) {
    out.push('{');
    out.push_str(ws);
    for (i, (k, v)) in members.enumerate() {
        if i > 0 {
            out.push(',');
            out.push_str(ws);
        }
        escape(k, out);
        out.push_str(ws);
        out.push(':');
        out.push_str(ws);
        render(v, ws, out);
    }
    out.push_str(ws);
    out.push('}');
}

fn canon(body: &str, form: CanonicalForm) -> String {
    sorted_signed_input(body.as_bytes(), form, &Limits::default())
        .expect("generated payloads are valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn top_level_order_and_whitespace_never_change_the_signed_string(members in payload(), rotate in 0usize..8) {
        let mut a = String::new();
        render_members(members.iter(), "", &mut a);
        let mut shuffled = members.clone();
        let len = shuffled.len();
        shuffled.rotate_left(rotate % len);
        shuffled.reverse();
        let mut b = String::new();
        render_members(shuffled.iter(), " \n\t", &mut b);
        for form in [CanonicalForm::Json, CanonicalForm::Pairs, CanonicalForm::Values] {
            prop_assert_eq!(canon(&a, form), canon(&b, form));
        }
    }

    #[test]
    fn sign_never_counts_and_nulls_are_dropped(members in payload(), sig in text()) {
        let mut plain = String::new();
        render_members(members.iter(), "", &mut plain);
        let mut with_extra = members.clone();
        with_extra.push(("sign".to_owned(), V::Str(sig)));
        with_extra.push(("zzz-null-field".to_owned(), V::Null));
        let mut signed = String::new();
        render_members(with_extra.iter(), "", &mut signed);
        prop_assert_eq!(canon(&plain, CanonicalForm::Json), canon(&signed, CanonicalForm::Json));
    }

    #[test]
    fn parser_round_trips_its_compact_output(members in payload()) {
        let mut body = String::new();
        render_members(members.iter(), " ", &mut body);
        let parsed = json::parse(body.as_bytes(), &Limits::default()).expect("valid");
        let compact = parsed.to_compact_json();
        let reparsed = json::parse(compact.as_bytes(), &Limits::default()).expect("valid");
        prop_assert_eq!(&parsed, &reparsed);
        prop_assert_eq!(compact.clone(), reparsed.to_compact_json());
        // And agrees with serde_json on the values.
        let ours: serde_json::Value = serde_json::from_str(&compact).expect("valid");
        let theirs: serde_json::Value = serde_json::from_str(&body).expect("valid");
        prop_assert_eq!(ours, theirs);
    }
}
