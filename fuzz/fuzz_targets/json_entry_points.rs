//! Every JSON entry point of the core on arbitrary JSON text: the first byte picks the call,
//! the rest is parsed as JSON (crisis-desk's own parser, itself under test) and handed over
//! (`fuzz/dispatch.rs`). Any answer is fine but a panic, a hang or a runaway allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../dispatch.rs");

fuzz_target!(|data: &[u8]| json_entry_point(data));
