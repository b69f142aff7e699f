//! Epidemic signals computed from the daily series.

pub mod incidence;

pub use incidence::{weekly_signals, WeeklySignals};
