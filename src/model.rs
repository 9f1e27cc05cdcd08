//! The values every dialect reads into an event: [`Money`], and which [`Property`] of the event
//! a signature covers. A leaf: it depends on nothing else in the crate, so the dialects and the
//! event built from them can both use it.

use serde::Serialize;

/// A property of [`crate::Event`] whose value a signature may or may not cover.
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
