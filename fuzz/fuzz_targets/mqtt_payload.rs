//! MQTT payloads and topics: any payload is refused or read reading by reading, and any topic
//! text is matched against filters without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ingest::mqtt::parse_payload(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let (topic, filter) = text
            .split_once('\n')
            .unwrap_or((text, "powersave/readings/#"));
        let _ = ingest::mqtt::topic_matches(topic, filter);
        let _ = ingest::mqtt::valid_filter(filter);
    }
});
