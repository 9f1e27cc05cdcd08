//! cardhook: verify and decode the webhooks card-issuing platforms push to their merchants.
//!
//! The core is pure Rust with no I/O and no JavaScript: exact JSON ([`json`]), the signed string
//! (`canonical`), RSA signatures (`signature`), HMAC secrets (`secret`) and the replay window
//! (`replay`), the typed model (`event`) read by one module per provider dialect ([`dialects`]),
//! and the [`Verifier`]. The `wasm` module is the only place that knows about JavaScript; it is
//! compiled for `wasm32` only. This file only declares modules and re-exports their public items.
//!
//! ```
//! use cardhook::{decode, Headers, Limits};
//! let body = br#"{"txnOrderNo":"T1","txnStatus":"S","txnType":"CHARGE","transactionAmount":50.00,
//!                 "transactionCurrency":"USD","sign":"00"}"#;
//! let event = decode(body, &Headers::new(), None, &Limits::default()).unwrap();
//! assert_eq!(event.event_type, "transactionEvent");
//! assert_eq!(event.id.as_deref(), Some("T1:SUCCESS"));
//! assert!(!event.verified);
//! ```

mod canonical;
pub mod dialects;
mod error;
mod event;
mod fields;
mod headers;
pub mod json;
mod model;
mod reading;
mod replay;
mod rsa_public;
mod scheme;
mod secret;
mod signature;
#[cfg(feature = "signing")]
mod signing;
#[cfg(feature = "signing")]
mod testing;
#[cfg(feature = "typescript")]
pub mod typescript;
mod verifier;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)] // wasm-bindgen's generated glue needs it; the core stays free of it.
mod wasm;

pub use canonical::{CanonicalForm, SIGN_FIELD};
pub use dialects::{Ack, Dialect, EventData, PushCheck};
pub use error::{Error, ErrorCode, Result, Setting};
pub use event::Event;
pub use headers::Headers;
pub use json::{Limits, Object, Value};
pub use model::{Money, Property};
pub use reading::{
    decode, decode_declared, signed_input, signed_input_declared, sorted_signed_input,
};
pub use replay::{DEFAULT_TOLERANCE_SECS, check_window};
pub use scheme::{Algorithm, DeclaredScheme};
pub use secret::{HmacAlgorithm, Secret};
pub use signature::{PublicKey, SignatureEncoding};
#[cfg(feature = "signing")]
pub use signing::{PrivateKey, SignContext, SignedRequest};
#[cfg(feature = "signing")]
pub use testing::{sample, samples, sign, sign_request, sign_request_declared};
pub use verifier::{Credentials, Prepared, SignedBody, Verifier};
