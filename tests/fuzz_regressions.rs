//! Every input the fuzzers found a failure with (`tests/fixtures/fuzz-regressions/`, named for
//! what went wrong) runs through the same dispatch as the `json_entry_points` fuzz target and
//! must now return (a panic fails the test; the century-long timeline, which ran for
//! minutes, is now an error at once). `fuzz/HARDENING.md` lists them with their fixes.

include!("../fuzz/dispatch.rs");

#[test]
fn every_fuzz_finding_now_returns() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        json_entry_point(&data); // a panic fails the test; a hang would never finish
        n += 1;
    }
    assert!(n >= 2, "the regression inputs are missing");
}
