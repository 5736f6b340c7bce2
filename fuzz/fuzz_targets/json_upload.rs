//! JSON upload bodies and pulled JSON pages: any bytes are refused or read element by element
//! without a panic, each element reported at its own index.

#![no_main]

use ingest::RowRef;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = ingest::json::parse_upload(data) {
        for (expected, (row, _)) in rows.enumerate() {
            assert_eq!(row, RowRef::Index(expected as u64));
        }
    }
    if let Ok(page) = ingest::pull::page::json_page(data, 100) {
        for (expected, (row, _)) in page.rows.iter().enumerate() {
            assert_eq!(*row, RowRef::Index(expected as u64));
        }
    }
});
