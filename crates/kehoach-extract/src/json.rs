//! Compact JSON, byte for byte what `serde_json::to_writer` writes, with a
//! faster string escape.
//!
//! A record is hundreds of thousands of strings: document text, and the
//! names of the fields around it. serde_json looks each of their bytes up
//! in a table to see whether it needs an escape; [`to_writer`] checks a
//! block of bytes at a step instead, and writes a field name that is a plain
//! identifier as it is. Integers and booleans are written here too; floats
//! and bytes are still written by serde_json.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::ser;

/// Why a value could not be written: a map key that is not a string
/// (serde_json would quote a number), or an error a `Serialize`
/// implementation raised.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error(error.to_string())
    }
}

/// Appends `value` to `out` as compact JSON.
pub fn to_writer<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// The serializer: appends to a byte buffer.
struct Writer<'o> {
    out: &'o mut Vec<u8>,
}

impl<'o> Writer<'o> {
    /// A value serde_json writes the same wherever it stands: a float or
    /// bytes.
    fn scalar<T: Serialize>(&mut self, value: T) -> Result<(), Error> {
        Ok(serde_json::to_writer(&mut *self.out, &value)?)
    }

    /// Opens a container between `open` and `close`, inside the object
    /// of an enum variant if `variant`.
    #[inline]
    fn open(&mut self, open: u8, close: u8, variant: bool) -> Compound<'_, 'o> {
        self.out.push(open);
        Compound {
            writer: self,
            first: true,
            close,
            variant,
        }
    }

    /// Opens `{"variant":` around the value of an enum variant.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        escape(self.out, variant);
        self.out.push(b':');
    }
}

/// Writes `value` in decimal with `itoa`, as serde_json does; a value
/// below 100 (a line number, an index, a day or a month) digit by digit,
/// without the copy.
fn unsigned(out: &mut Vec<u8>, value: u64) {
    if value < 10 {
        out.push(b'0' + value as u8);
    } else if value < 100 {
        out.extend_from_slice(&[b'0' + (value / 10) as u8, b'0' + (value % 10) as u8]);
    } else {
        out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }
}

/// Writes `value` in decimal with `itoa`, as serde_json does.
fn signed(out: &mut Vec<u8>, value: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Writes `text` as a JSON string, escaping what serde_json escapes: the
/// quote, the backslash and the control characters. Most text has none:
/// it is tested [`BLOCK`] bytes at a step and copied whole.
#[inline]
fn escape(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if needs_escape(bytes) {
        escape_bytes(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// The bytes [`needs_escape`] tests at a step.
const BLOCK: usize = 32;

/// Whether a byte of `bytes` needs an escape. The last bytes that do not
/// fill a block are tested as the last block, overlapping the one before;
/// text shorter than half a block is tested as two words
/// ([`short_needs_escape`]).
fn needs_escape(bytes: &[u8]) -> bool {
    if bytes.len() < BLOCK / 2 {
        return short_needs_escape(bytes);
    }
    if bytes.len() < BLOCK {
        let (first, last) = (&bytes[..BLOCK / 2], &bytes[bytes.len() - BLOCK / 2..]);
        return half_needs_escape(first.try_into().expect("half a block"))
            || half_needs_escape(last.try_into().expect("half a block"));
    }
    let mut blocks = bytes.chunks_exact(BLOCK);
    if blocks.any(|block| block_needs_escape(block.try_into().expect("a block"))) {
        return true;
    }
    !blocks.remainder().is_empty()
        && block_needs_escape(bytes[bytes.len() - BLOCK..].try_into().expect("a block"))
}

/// [`needs_escape`] for text shorter than half a block: its bytes are read
/// as two words (some of them twice, overlapping; spaces, which need no
/// escape, fill what is left), each tested eight bytes at once.
fn short_needs_escape(bytes: &[u8]) -> bool {
    const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    let length = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    let half = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"));
    let (first, last) = if length >= 8 {
        (word(0), word(length - 8))
    } else if length >= 4 {
        (
            u64::from(half(0)) | u64::from(half(length - 4)) << 32,
            SPACES,
        )
    } else if length > 0 {
        let three = u64::from(bytes[0])
            | u64::from(bytes[length / 2]) << 8
            | u64::from(bytes[length - 1]) << 16;
        (three | SPACES << 24, SPACES)
    } else {
        return false;
    };
    word_needs_escape(first) | word_needs_escape(last)
}

/// Whether a byte of the eight of `word` needs an escape (see [`escaped`]),
/// by the classic "has a byte less than n" test, exact as to whether any
/// byte is.
fn word_needs_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word;
    let control_or_quote = below(word ^ (ONES * 0x02), 0x21);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    (control_or_quote | backslash) & HIGH != 0
}

/// Whether a byte of `block` needs an escape. Written as a fold without
/// an early exit, which the compiler turns into a few vector instructions.
#[inline(always)]
fn block_needs_escape(block: &[u8; BLOCK]) -> bool {
    block
        .iter()
        .fold(false, |found, &byte| found | escaped(byte))
}

/// [`block_needs_escape`] for half a block.
#[inline(always)]
fn half_needs_escape(block: &[u8; BLOCK / 2]) -> bool {
    block
        .iter()
        .fold(false, |found, &byte| found | escaped(byte))
}

/// Whether `byte` needs an escape: a control character (below 0x20), the
/// quote (0x22) or the backslash. Flipping bit 1 maps the quote to 0x20
/// and the control characters among themselves, and no other byte to 0x20
/// or below, so one comparison tests both.
#[inline(always)]
fn escaped(byte: u8) -> bool {
    ((byte ^ 0x02) <= 0x20) | (byte == b'\\')
}

/// Writes `bytes`, which hold something to escape, escaped. Blocks that
/// hold nothing to escape are copied whole.
#[cold]
fn escape_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    // The bytes from `run` on are not written yet.
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        let end = bytes.len().min(at + BLOCK);
        let dirty = match bytes[at..end].try_into() {
            Ok(block) => block_needs_escape(block),
            Err(_) => true,
        };
        if dirty {
            for (offset, &byte) in bytes[at..end].iter().enumerate() {
                if let Some(short) = short_escape(byte) {
                    out.extend_from_slice(&bytes[run..at + offset]);
                    write_escape(out, byte, short);
                    run = at + offset + 1;
                }
            }
        }
        at = end;
    }
    out.extend_from_slice(&bytes[run..]);
}

/// The letter after the backslash that escapes `byte`, if it needs one
/// (`u` for a control character written by its code).
fn short_escape(byte: u8) -> Option<u8> {
    Some(match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        0x00..=0x1F => b'u',
        _ => return None,
    })
}

/// Writes the escape of `byte`, whose letter is `short`.
fn write_escape(out: &mut Vec<u8>, byte: u8, short: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(&[b'\\', short]);
    if short == b'u' {
        out.extend_from_slice(&[
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xF)],
        ]);
    }
}

/// The `serialize_*` methods of the integers narrower than 64 bits: each
/// widens its value and writes it as [`signed`] or [`unsigned`] does.
macro_rules! narrow_integers {
    ($($method:ident($ty:ty) => $write:ident),+ $(,)?) => {$(
        #[inline]
        fn $method(self, value: $ty) -> Result<(), Error> {
            $write(self.out, value.into());
            Ok(())
        }
    )+};
}

impl<'a, 'o> ser::Serializer for &'a mut Writer<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = Compound<'a, 'o>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Compound<'a, 'o>;

    #[inline]
    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    narrow_integers!(
        serialize_i8(i8) => signed,
        serialize_i16(i16) => signed,
        serialize_i32(i32) => signed,
        serialize_u8(u8) => unsigned,
        serialize_u16(u16) => unsigned,
        serialize_u32(u32) => unsigned,
    );

    #[inline]
    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        signed(self.out, value);
        Ok(())
    }

    #[inline]
    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        unsigned(self.out, value);
        Ok(())
    }

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        self.scalar(value)
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        self.scalar(value)
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        escape(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        escape(self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        self.scalar(value)
    }

    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    #[inline]
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    #[inline]
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'o>, Error> {
        Ok(self.open(b'[', b']', false))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'o>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'o>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'o>, Error> {
        self.open_variant(variant);
        Ok(self.open(b'[', b']', true))
    }

    #[inline]
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'o>, Error> {
        Ok(self.open(b'{', b'}', false))
    }

    #[inline]
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'o>, Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'o>, Error> {
        self.open_variant(variant);
        Ok(self.open(b'{', b'}', true))
    }
}

/// An array or object being written.
struct Compound<'a, 'o> {
    writer: &'a mut Writer<'o>,
    /// No element has been written yet.
    first: bool,
    /// The byte that closes the container.
    close: u8,
    /// The container is the value of an enum variant, in an object to
    /// close after it.
    variant: bool,
}

impl Compound<'_, '_> {
    /// Writes the comma before every element but the first.
    #[inline]
    fn separate(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    #[inline]
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(&mut *self.writer)
    }

    /// Writes a key, which must serialize as a string, and its colon.
    fn key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        let start = self.writer.out.len();
        key.serialize(&mut *self.writer)?;
        if self.writer.out.get(start) != Some(&b'"') {
            return Err(Error("a map key must be a string".to_owned()));
        }
        self.writer.out.push(b':');
        Ok(())
    }

    /// Writes a field of a struct: its name, a Rust identifier (which
    /// needs no escape) unless renamed, and its value.
    ///
    /// Always inlined: a derived `Serialize` passes each name as a literal,
    /// so the test whether it needs an escape folds away at compile time,
    /// and so does the piece `,"name":` built for a short name, which is
    /// then written as one copy of fixed length, cut to its own. Before the
    /// first field, the piece starts with the brace that opened the struct
    /// instead of the comma, and is written over it.
    #[inline(always)]
    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        /// The longest name written as one piece.
        const SHORT: usize = 28;
        let out = &mut *self.writer.out;
        let plain = key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
        if plain && key.len() <= SHORT {
            let mut piece = [0; SHORT + 4];
            piece[0] = if self.first { b'{' } else { b',' };
            piece[1] = b'"';
            piece[2..2 + key.len()].copy_from_slice(key.as_bytes());
            piece[2 + key.len()..4 + key.len()].copy_from_slice(b"\":");
            let start = out.len() - usize::from(self.first);
            debug_assert!(
                !self.first || out[start] == b'{',
                "a struct opens with a brace"
            );
            out.truncate(start);
            out.extend_from_slice(&piece);
            out.truncate(start + key.len() + 4);
        } else {
            if !self.first {
                out.push(b',');
            }
            if plain {
                out.push(b'"');
                out.extend_from_slice(key.as_bytes());
                out.push(b'"');
            } else {
                escape(out, key);
            }
            out.push(b':');
        }
        self.first = false;
        value.serialize(&mut *self.writer)
    }

    #[inline]
    fn close(self) -> Result<(), Error> {
        let out = &mut *self.writer.out;
        out.push(self.close);
        if self.variant {
            out.push(b'}');
        }
        Ok(())
    }
}

/// The `Serialize*` traits whose elements have no key: each writes its
/// elements through [`Compound::element`].
macro_rules! elements {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }

            #[inline]
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )+};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.key(key)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }

    #[inline]
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// The `Serialize*` traits of structs: each writes its fields through
/// [`Compound::field`].
macro_rules! fields {
    ($($trait:ident),+) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            #[inline(always)]
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }

            #[inline]
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )+};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    fn same_as_serde_json<T: Serialize>(value: &T) {
        let mut ours = Vec::new();
        super::to_writer(&mut ours, value).expect("serializes");
        let theirs = serde_json::to_vec(value).expect("serializes");
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        let mut every_ascii: String = (0u8..0x80).map(char::from).collect();
        every_ascii.push_str("Sở Nội vụ \"KH\" \\ ./.\u{2028}");
        for text in [
            "",
            "a",
            "\"",
            "\\\\",
            "Ủy ban nhân dân tỉnh",
            "Kế hoạch số 12/KH-UBND\n- Thời gian: Quý I/2023.\t\r\u{7}\u{1f}\u{7f}",
            every_ascii.as_str(),
        ] {
            same_as_serde_json(&text);
            // Every alignment of the escapes against the blocks.
            for cut in 0..text.len().min(super::BLOCK + 1) {
                if let Some(tail) = text.get(cut..) {
                    same_as_serde_json(&tail);
                }
            }
        }
        same_as_serde_json(&'"');
    }

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Wrapped(u8),
        Pair(i16, bool),
        Named { deadline: Option<String> },
    }

    #[derive(Serialize)]
    struct Record {
        id: String,
        count: u64,
        share: f64,
        missing: Option<u32>,
        empty: Vec<u8>,
        kinds: Vec<Kind>,
        repairs: BTreeMap<String, u32>,
        unit: (),
        a_field_name_longer_than_the_short_ones: bool,
        #[serde(rename = "a \"renamed\" field")]
        renamed: Empty,
    }

    #[derive(Serialize)]
    struct Empty {}

    #[test]
    fn records_are_written_as_serde_json_writes_them() {
        same_as_serde_json(&Record {
            id: "II.2.a".to_owned(),
            count: u64::MAX,
            share: -0.25,
            missing: None,
            empty: Vec::new(),
            kinds: vec![
                Kind::Plain,
                Kind::Wrapped(7),
                Kind::Pair(-3, true),
                Kind::Named {
                    deadline: Some("Quý I/2023".to_owned()),
                },
            ],
            repairs: [("joined_lines".to_owned(), 2), ("a\"b".to_owned(), 0)].into(),
            unit: (),
            a_field_name_longer_than_the_short_ones: false,
            renamed: Empty {},
        });
    }

    #[test]
    fn integers_are_written_as_serde_json_writes_them() {
        for value in [
            0,
            1,
            9,
            10,
            99,
            100,
            101,
            999,
            1000,
            12345,
            i64::MAX,
            -1,
            -10,
            i64::MIN,
        ] {
            same_as_serde_json(&value);
        }
        for value in [u64::MAX, u64::from(u32::MAX), 1 << 40] {
            same_as_serde_json(&value);
        }
        for value in 0..=1000u64 {
            same_as_serde_json(&value);
        }
        same_as_serde_json(&(i8::MIN, i16::MIN, i32::MIN, u8::MAX, u16::MAX, 7usize));
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_does(
            text in prop_oneof![
                "[\\s\\S]{0,80}",
                "[a \"\\\\\\x00-\\x1fởệƯ/.\u{7f}\u{2028}]{0,100}",
                "[a-zA-Z ởệ]{0,70}[\"\\\\\\x00-\\x1f][a-zA-Z ởệ]{0,70}",
            ]
        ) {
            let mut ours = Vec::new();
            super::to_writer(&mut ours, &text).expect("serializes");
            prop_assert_eq!(ours, serde_json::to_vec(&text).expect("serializes"));
        }

        #[test]
        fn any_integer_is_written_as_serde_json_does(unsigned: u64, signed: i64) {
            let mut ours = Vec::new();
            super::to_writer(&mut ours, &(unsigned, signed)).expect("serializes");
            prop_assert_eq!(ours, serde_json::to_vec(&(unsigned, signed)).expect("serializes"));
        }
    }

    #[test]
    fn a_number_key_is_refused() {
        let map: BTreeMap<u32, u32> = [(1, 2)].into();
        assert!(super::to_writer(&mut Vec::new(), &map).is_err());
    }
}
