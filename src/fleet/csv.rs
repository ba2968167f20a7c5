//! An incremental RFC 4180 reader: bytes go in as they arrive (a chunk of a file at a
//! time, so the page can yield between chunks), whole records come out.
//!
//! Hand-written rather than the `csv` crate: the fleet parser needs exactly this much
//! (quotes, CRLF or LF, a leading BOM, a cap on a record's size so memory stays bounded)
//! plus the record's row number, and it keeps fields as bytes so a record that is not
//! UTF-8 becomes a reported bad row instead of an error for the whole file.
//! Measured on `examples/fleet_bench.rs`'s 14.6 MB CUR (native, this machine): the `csv`
//! crate reads it in about 30 ms, this reader in about 75 ms, of about 130 ms for the whole
//! parse and price; the page reads 1 MB slices and yields between them either way, so the
//! difference does not show, and the fleet page is its own bundle (no cost to the calculator).
//! Lenient where files in the wild are: a quote inside an unquoted field is kept as a
//! character, text after a closing quote is appended, blank lines are skipped.

/// Longest record kept, in bytes. A longer one is reported and skipped; its bytes are
/// never stored. Real CUR rows are a few kilobytes even with every column.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted field: the end of the quotes, or the first of `""`.
    QuoteInQuoted,
}

/// One record as read: its row number (the header is row 1) and its fields as bytes,
/// or `None` when it was longer than `MAX_RECORD_BYTES`.
pub struct Record<'a> {
    pub row: usize,
    pub fields: Option<Fields<'a>>,
}

/// A record's fields: one buffer and where each field ends, so reading a row allocates
/// nothing.
#[derive(Clone, Copy)]
pub struct Fields<'a> {
    bytes: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Fields<'a> {
    pub fn count(&self) -> usize {
        self.ends.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let (bytes, ends) = (self.bytes, self.ends);
        ends.iter().enumerate().map(move |(i, &end)| {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &bytes[start..end]
        })
    }
}

pub struct Reader {
    state: State,
    /// The current record's bytes, and the end of each of its fields.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    /// Bytes of the current record so far.
    size: usize,
    too_long: bool,
    /// A CR ended the last record; a LF right after it belongs to the same line end.
    after_cr: bool,
    /// Bytes of a possible BOM still to check at the start of the input.
    bom_seen: usize,
    started: bool,
    /// Row number of the record being read.
    row: usize,
    /// Whether the current record has any content (a blank line has none).
    content: bool,
}

const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

impl Reader {
    pub fn new() -> Reader {
        Reader {
            state: State::FieldStart,
            bytes: Vec::new(),
            ends: Vec::new(),
            size: 0,
            too_long: false,
            after_cr: false,
            bom_seen: 0,
            started: false,
            row: 1,
            content: false,
        }
    }

    /// Reads `bytes`, calling `emit` for every record they complete.
    pub fn feed(&mut self, bytes: &[u8], emit: &mut impl FnMut(Record<'_>)) {
        let mut rest = bytes;
        // A UTF-8 byte order mark at the very start is not part of the first field.
        while !self.started {
            match rest.first() {
                None => return,
                Some(&b) if b == BOM[self.bom_seen] => {
                    self.bom_seen += 1;
                    rest = &rest[1..];
                    if self.bom_seen == BOM.len() {
                        self.started = true;
                    }
                }
                Some(_) => {
                    self.started = true;
                    // A partial BOM was data after all.
                    let partial = BOM[..self.bom_seen].to_vec();
                    for b in partial {
                        self.byte(b, emit);
                    }
                }
            }
        }
        // Runs of plain bytes are copied at once; only the bytes that can change the state
        // (`,` `"` CR LF) go through the state machine one by one.
        let mut i = 0;
        while i < rest.len() {
            let plain = match self.state {
                _ if self.after_cr => 0,
                State::FieldStart | State::Unquoted => rest[i..]
                    .iter()
                    .position(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
                    .unwrap_or(rest.len() - i),
                State::Quoted => rest[i..]
                    .iter()
                    .position(|&b| b == b'"')
                    .unwrap_or(rest.len() - i),
                State::QuoteInQuoted => 0,
            };
            if plain > 0 {
                self.push_run(&rest[i..i + plain]);
                if self.state == State::FieldStart {
                    self.state = State::Unquoted;
                }
                i += plain;
            } else {
                self.byte(rest[i], emit);
                i += 1;
            }
        }
    }

    fn push_run(&mut self, run: &[u8]) {
        self.content = true;
        self.size += run.len();
        if self.size > MAX_RECORD_BYTES && !self.too_long {
            self.too_long = true;
            self.bytes = Vec::new();
            self.ends = Vec::new();
        }
        if !self.too_long {
            self.bytes.extend_from_slice(run);
        }
    }

    /// Ends the input: a last record without a line break is emitted.
    pub fn finish(&mut self, emit: &mut impl FnMut(Record<'_>)) {
        if !self.started && self.bom_seen > 0 {
            self.started = true;
            let partial = BOM[..self.bom_seen].to_vec();
            for b in partial {
                self.byte(b, emit);
            }
        }
        if self.content || self.state != State::FieldStart || !self.ends.is_empty() {
            self.end_record(emit);
        }
    }

    fn push(&mut self, b: u8) {
        self.push_run(&[b]);
    }

    fn end_field(&mut self) {
        self.content = true;
        if !self.too_long {
            self.ends.push(self.bytes.len());
        }
        self.state = State::FieldStart;
    }

    fn end_record(&mut self, emit: &mut impl FnMut(Record<'_>)) {
        if self.content {
            self.end_field();
            let fields = (!self.too_long).then_some(Fields {
                bytes: &self.bytes,
                ends: &self.ends,
            });
            emit(Record {
                row: self.row,
                fields,
            });
        }
        self.bytes.clear();
        self.ends.clear();
        self.size = 0;
        self.too_long = false;
        self.content = false;
        self.state = State::FieldStart;
        self.row += 1;
    }

    fn byte(&mut self, b: u8, emit: &mut impl FnMut(Record<'_>)) {
        let after_cr = std::mem::take(&mut self.after_cr);
        match (self.state, b) {
            (State::Quoted, b'"') => self.state = State::QuoteInQuoted,
            (State::Quoted, _) => self.push(b),
            (State::QuoteInQuoted, b'"') => {
                self.push(b'"');
                self.state = State::Quoted;
            }
            (_, b',') => self.end_field(),
            (_, b'\n') if after_cr => {}
            (_, b'\n') => self.end_record(emit),
            (_, b'\r') => {
                self.end_record(emit);
                self.after_cr = true;
            }
            (State::FieldStart, b'"') => {
                self.content = true;
                self.state = State::Quoted;
            }
            (State::QuoteInQuoted, _) | (State::FieldStart, _) | (State::Unquoted, _) => {
                self.push(b);
                self.state = State::Unquoted;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_in_chunks(input: &[u8], chunk: usize) -> Vec<(usize, Option<Vec<String>>)> {
        let mut out = Vec::new();
        let mut r = Reader::new();
        let mut emit = |rec: Record<'_>| {
            out.push((
                rec.row,
                rec.fields.map(|f| {
                    f.iter()
                        .map(|b| String::from_utf8_lossy(b).into_owned())
                        .collect()
                }),
            ))
        };
        for c in input.chunks(chunk.max(1)) {
            r.feed(c, &mut emit);
        }
        r.finish(&mut emit);
        out
    }

    fn rows(input: &[u8]) -> Vec<(usize, Option<Vec<String>>)> {
        let whole = read_in_chunks(input, input.len().max(1));
        // Any chunking reads the same records.
        for n in [1, 2, 3, 7] {
            assert_eq!(read_in_chunks(input, n), whole, "chunks of {n}");
        }
        whole
    }

    fn row(n: usize, fields: &[&str]) -> (usize, Option<Vec<String>>) {
        (n, Some(fields.iter().map(|s| s.to_string()).collect()))
    }

    #[test]
    fn quotes_crlf_and_bom() {
        let input = b"\xEF\xBB\xBFa,b\r\n\"x, \"\"y\"\"\",\"line\r\nbreak\"\r\n,\r\n";
        assert_eq!(
            rows(input),
            vec![
                row(1, &["a", "b"]),
                row(2, &["x, \"y\"", "line\r\nbreak"]),
                row(3, &["", ""]),
            ]
        );
    }

    #[test]
    fn blank_lines_are_skipped_but_counted_and_a_last_line_needs_no_break() {
        assert_eq!(
            rows(b"a\n\nb\n\r\nc"),
            vec![row(1, &["a"]), row(3, &["b"]), row(5, &["c"])]
        );
        assert_eq!(rows(b"\"\""), vec![row(1, &[""])]);
        assert!(rows(b"").is_empty());
        // A lone partial BOM is data.
        assert_eq!(rows(b"\xEF\xBB"), vec![(1, Some(vec!["\u{fffd}".into()]))]);
    }

    #[test]
    fn stray_quotes_are_kept() {
        assert_eq!(rows(b"a\"b,\"c\"d\n"), vec![row(1, &["a\"b", "cd"])]);
    }

    #[test]
    fn a_record_over_the_cap_is_reported_and_the_next_one_read() {
        let mut input = b"h\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 1));
        input.extend(b"\nok\n");
        let out = read_in_chunks(&input, 64 * 1024);
        assert_eq!(out, vec![row(1, &["h"]), (2, None), row(3, &["ok"])]);
        // Exactly at the cap is still read.
        let mut input = vec![b'y'; MAX_RECORD_BYTES];
        input.push(b'\n');
        let out = read_in_chunks(&input, 4096);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].1.as_ref().map(|f| f[0].len()),
            Some(MAX_RECORD_BYTES)
        );
    }
}
