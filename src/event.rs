//! The model every dialect decodes into: [`Event`], which of its properties a signature covers
//! ([`Property`]), and [`Money`].

use serde::Serialize;

use crate::dialects::{Decoded, Dialect, EventData};

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

/// A property of [`Event`] whose value a signature may or may not cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Property {
    /// `event.type`.
    Type,
    /// `event.id`.
    Id,
    /// `event.data`.
    Data,
    /// `event.payload` (the body as received, in JavaScript).
    Payload,
}

impl Property {
    /// Every content property: what an unverified event lists as unsigned.
    pub const ALL: &'static [Property] = &[
        Property::Type,
        Property::Id,
        Property::Data,
        Property::Payload,
    ];

    /// The property's name in JavaScript.
    pub const fn as_str(self) -> &'static str {
        match self {
            Property::Type => "type",
            Property::Id => "id",
            Property::Data => "data",
            Property::Payload => "payload",
        }
    }
}

/// An amount of money: exact decimal text in major units, and its currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Money {
    /// Exact decimal string in major units (`"100.00"`, `"-19.92"`), never a binary float.
    pub amount: String,
    /// ISO 4217 code as sent; `None` when the provider sent none.
    pub currency: Option<String>,
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
