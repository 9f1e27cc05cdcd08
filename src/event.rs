//! [`Event`], what a caller gets: what its dialect read out of the body ([`Decoded`]), and whether
//! a signature held and what it left uncovered. The values dialects read into it ([`crate::Money`],
//! [`Property`]) are in `model`, beneath the dialects, so the dialects never depend on this file.

use serde::Serialize;

use crate::dialects::{Decoded, Dialect, EventData};
use crate::model::Property;

/// A decoded webhook.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Which provider dialect the body was read as.
    pub dialect: Dialect,
    /// The event name as the provider sent it (header, envelope field, or inferred from the fields).
    #[serde(rename = "type")]
    pub event_type: String,
    /// The key to dedupe on, from signed content where the dialect is signed (what it names per
    /// dialect: `docs/dialects.md`, "Event ids"); `None` only for a declared scheme without `id`.
    pub id: Option<String>,
    /// True only when a signature was checked and held.
    pub verified: bool,
    /// Index of the public key that verified the signature, when several were given.
    #[serde(rename = "keyIndex", skip_serializing_if = "Option::is_none")]
    pub key_index: Option<usize>,
    /// The properties whose value no checked signature covers: empty when everything shown was
    /// signed; every content property of an unverified event.
    pub unsigned: Vec<Property>,
    /// The typed view of the event.
    pub data: EventData,
}

impl Event {
    /// The event for a decoded body. `verified_by` is `(index, count)` of the credential that
    /// held among those given; then only what the dialect's signature leaves out is unsigned.
    pub(crate) fn new(
        dialect: Dialect,
        decoded: Decoded,
        verified_by: Option<(usize, usize)>,
    ) -> Event {
        let (verified, key_index, unsigned) = match verified_by {
            Some((index, count)) => (true, (count > 1).then_some(index), decoded.unsigned),
            None => (false, None, Property::ALL.to_vec()),
        };
        Event {
            dialect,
            event_type: decoded.event_type,
            id: decoded.id,
            verified,
            key_index,
            unsigned,
            data: decoded.data,
        }
    }
}
