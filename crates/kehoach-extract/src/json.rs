//! Compact JSON, byte for byte what `serde_json::to_writer` writes, with a
//! faster string escape.
//!
//! A record is hundreds of thousands of strings: document text, and the
//! names of the fields around it. serde_json looks each of their bytes up
//! in a table to see whether it needs an escape; [`to_writer`] checks a
//! block of bytes at a step instead, and writes a field name that is a plain
//! identifier as it is. Integers are written here too; floats, booleans
//! and bytes are still written by serde_json.

use std::fmt::{self, Display};
use std::ops::Range;

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
    /// A value serde_json writes the same wherever it stands: a float, a
    /// boolean or bytes.
    fn scalar<T: Serialize>(&mut self, value: T) -> Result<(), Error> {
        Ok(serde_json::to_writer(&mut *self.out, &value)?)
    }

    /// Opens a container; `end` closes it.
    fn open(&mut self, start: &[u8], end: &'static [u8]) -> Compound<'_, 'o> {
        self.out.extend_from_slice(start);
        Compound {
            writer: self,
            first: true,
            end,
        }
    }

    /// Opens `{"variant":` around the value of an enum variant.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        escape(self.out, variant);
        self.out.push(b':');
    }
}

/// Writes `value` in decimal, as serde_json does.
fn unsigned(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Writes `value` in decimal, as serde_json does.
fn signed(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    unsigned(out, value.unsigned_abs());
}

/// Writes `text` as a JSON string, escaping what serde_json escapes: the
/// quote, the backslash and the control characters. Text is read
/// [`BLOCK`] bytes at a step (the last few bytes padded to a block), and
/// byte by byte only in a block that holds something to escape.
fn escape(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // The bytes from `run` on are not written yet.
    let mut run = 0;
    let mut blocks = bytes.chunks_exact(BLOCK);
    for (index, block) in (&mut blocks).enumerate() {
        if needs_escape(block.try_into().expect("a block")) {
            run = escape_bytes(out, bytes, run, BLOCK * index..BLOCK * (index + 1));
        }
    }
    // The last few bytes, padded with bytes that need no escape.
    let tail = blocks.remainder();
    let mut block = [b' '; BLOCK];
    block[..tail.len()].copy_from_slice(tail);
    if needs_escape(&block) {
        run = escape_bytes(out, bytes, run, bytes.len() - tail.len()..bytes.len());
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The bytes [`escape`] tests at a step.
const BLOCK: usize = 16;

/// Writes the bytes of `range` that need an escape, and those from `run`
/// up to each, escaped; returns where the bytes not yet written start.
fn escape_bytes(out: &mut Vec<u8>, bytes: &[u8], mut run: usize, range: Range<usize>) -> usize {
    for at in range {
        let byte = bytes[at];
        if let Some(short) = short_escape(byte) {
            out.extend_from_slice(&bytes[run..at]);
            write_escape(out, byte, short);
            run = at + 1;
        }
    }
    run
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

/// Whether one of the bytes of `block` is a quote, a backslash or a
/// control character (below 0x20), tested eight bytes at a time. Each
/// test is the classic "has a byte less than n": exact as to whether any
/// byte matches.
fn needs_escape(block: &[u8; BLOCK]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word;
    let marks = |eight: &[u8]| {
        let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let control = below(word, 0x20);
        let quote = below(word ^ (ONES * u64::from(b'"')), 1);
        let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
        control | quote | backslash
    };
    block
        .chunks_exact(8)
        .fold(0, |found, eight| found | marks(eight))
        & HIGH
        != 0
}

/// The `serialize_*` methods of the integers narrower than 64 bits: each
/// widens its value and writes it as [`signed`] or [`unsigned`] does.
macro_rules! narrow_integers {
    ($($method:ident($ty:ty) => $write:ident),+ $(,)?) => {$(
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

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.scalar(value)
    }

    narrow_integers!(
        serialize_i8(i8) => signed,
        serialize_i16(i16) => signed,
        serialize_i32(i32) => signed,
        serialize_u8(u8) => unsigned,
        serialize_u16(u16) => unsigned,
        serialize_u32(u32) => unsigned,
    );

    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        signed(self.out, value);
        Ok(())
    }

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

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

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

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'o>, Error> {
        Ok(self.open(b"[", b"]"))
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
        Ok(self.open(b"[", b"]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'o>, Error> {
        Ok(self.open(b"{", b"}"))
    }

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
        Ok(self.open(b"{", b"}}"))
    }
}

/// An array or object being written.
struct Compound<'a, 'o> {
    writer: &'a mut Writer<'o>,
    /// No element has been written yet.
    first: bool,
    /// What closes the container (and the variant around it).
    end: &'static [u8],
}

impl Compound<'_, '_> {
    /// Writes the comma before every element but the first.
    fn separate(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

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
    /// so the test whether it needs an escape folds away at compile time.
    #[inline(always)]
    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        let out = &mut *self.writer.out;
        if key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
        {
            out.reserve(key.len() + 4);
            if !self.first {
                out.push(b',');
            }
            out.push(b'"');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
        } else {
            if !self.first {
                out.push(b',');
            }
            escape(out, key);
            out.push(b':');
        }
        self.first = false;
        value.serialize(&mut *self.writer)
    }

    fn close(self) -> Result<(), Error> {
        self.writer.out.extend_from_slice(self.end);
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
    }

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
        });
    }

    #[test]
    fn integers_are_written_as_serde_json_writes_them() {
        for value in [0, 1, 9, 10, 99, 100, 12345, i64::MAX, -1, -10, i64::MIN] {
            same_as_serde_json(&value);
        }
        for value in [u64::MAX, u64::from(u32::MAX), 1 << 40] {
            same_as_serde_json(&value);
        }
        same_as_serde_json(&(i8::MIN, i16::MIN, i32::MIN, u8::MAX, u16::MAX, 7usize));
    }

    #[test]
    fn a_number_key_is_refused() {
        let map: BTreeMap<u32, u32> = [(1, 2)].into();
        assert!(super::to_writer(&mut Vec::new(), &map).is_err());
    }
}
