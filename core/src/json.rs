//! A strict JSON reader: one object whose member names are unique (and, for texts read whole such as
//! a JWK Set, unique at every depth), which serde_json alone would silently resolve to the last one.
//! The writer of JSON strings is in [`crate::text`].

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// One JSON object's members in document order, read with every member name unique (names are
/// compared after unescaping, so `customer\u005fid` duplicates `customer_id`).
#[derive(Debug)]
pub(crate) struct StrictObject(pub(crate) Vec<(String, Value)>);

impl StrictObject {
    /// Parses `bytes` as exactly one JSON object (white space around it allowed).
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}

impl<'de> Deserialize<'de> for StrictObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StrictObjectVisitor)
    }
}

struct StrictObjectVisitor;

impl<'de> Visitor<'de> for StrictObjectVisitor {
    type Value = StrictObject;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictObject, A::Error> {
        let mut members: Vec<(String, Value)> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            if members.iter().any(|(seen, _)| *seen == name) {
                return Err(de::Error::custom(format!("duplicate member {}", crate::text::quote(&name))));
            }
            let value: Value = map.next_value()?;
            members.push((name, value));
        }
        Ok(StrictObject(members))
    }
}

/// Checks that no object anywhere in `bytes` (one JSON value) repeats a member name: for texts read
/// as a whole, such as a JWK Set, whose keys are objects inside an array.
pub(crate) fn check_unique_members(bytes: &[u8]) -> Result<(), String> {
    serde_json::from_slice::<UniqueMembers>(bytes).map(drop).map_err(|e| e.to_string())
}

/// Any JSON value, kept only as far as needed to refuse a repeated member name at any depth.
struct UniqueMembers;

impl<'de> Deserialize<'de> for UniqueMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueMembersVisitor)
    }
}

struct UniqueMembersVisitor;

impl<'de> Visitor<'de> for UniqueMembersVisitor {
    type Value = UniqueMembers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }
    fn visit_i64<E>(self, _: i64) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }
    fn visit_u64<E>(self, _: u64) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }
    fn visit_f64<E>(self, _: f64) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }
    fn visit_str<E>(self, _: &str) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }
    fn visit_unit<E>(self) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueMembers, A::Error> {
        while seq.next_element::<UniqueMembers>()?.is_some() {}
        Ok(UniqueMembers)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueMembers, A::Error> {
        let mut names: Vec<String> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            if names.contains(&name) {
                return Err(de::Error::custom(format!("duplicate member {}", crate::text::quote(&name))));
            }
            map.next_value::<UniqueMembers>()?;
            names.push(name);
        }
        Ok(UniqueMembers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_object_refuses_duplicates_also_when_escaped() {
        assert!(StrictObject::parse(br#"{"a":1,"b":2}"#).is_ok());
        let err = StrictObject::parse(br#"{"a":1,"a":2}"#).unwrap_err();
        assert!(err.contains("duplicate member"), "{err}");
        let err = StrictObject::parse(br#"{"customer_id":"a","customer\u005fid":"b"}"#).unwrap_err();
        assert!(err.contains("duplicate member"), "{err}");
    }

    #[test]
    fn unique_members_are_checked_at_every_depth() {
        check_unique_members(br#"{"keys":[{"a":1,"b":[{"a":2}]},{"a":3}]}"#).unwrap();
        check_unique_members(br#"[1,"x",null,true,1.5]"#).unwrap();
        for text in
            [&br#"{"a":1,"a":2}"#[..], br#"{"keys":[{"n":"x","n":"y"}]}"#, br#"[[{"k":{"z":1,"y":1,"\u007a":2}}]]"#]
        {
            let err = check_unique_members(text).unwrap_err();
            assert!(err.contains("duplicate member"), "{err}");
        }
        assert!(check_unique_members(b"{\"a\":1}x").is_err());
    }

    #[test]
    fn strict_object_refuses_non_objects_and_trailing_data() {
        for text in [&b"[]"[..], b"1", b"\"x\"", b"null", b"{}{}", b"{\"a\":1}x", b""] {
            assert!(StrictObject::parse(text).is_err(), "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn strict_object_refuses_deep_nesting_without_overflowing() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(StrictObject::parse(deep.as_bytes()).is_err());
    }
}
