//! Epidemic signals computed from the daily series.

pub mod growth;
pub mod incidence;
pub mod projection;
pub mod quality;
pub mod rt;
pub mod rt_summary;
pub mod seir;
pub mod serial_interval;

pub use incidence::{weekly_signals, WeeklySignals};
