//! CSV bodies (uploads, pulled pages, imported files): any bytes are read without a panic, and
//! every row is numbered after the one before it.

#![no_main]

use ingest::RowRef;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut previous = 0;
    for (row, _) in ingest::csv::parse_body(data) {
        let RowRef::Line(line) = row else {
            panic!("a CSV row numbered as an index: {row:?}");
        };
        assert!(line > previous, "line {line} after line {previous}");
        previous = line;
    }
    let header = std::str::from_utf8(data).ok();
    let _ = ingest::pull::page::csv_page(data, header, header, 100);
});
