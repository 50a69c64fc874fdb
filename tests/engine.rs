//! The allocation engine, sweeps and simulation: one test binary for the whole group, so that CI
//! links a handful of binaries instead of one per file (each file stays a module of its own).

mod analytics_support;

#[path = "engine_cases.rs"]
mod engine_cases;
#[path = "engine_golden.rs"]
mod engine_golden;
#[path = "engine_properties.rs"]
mod engine_properties;
#[path = "engine_simulate.rs"]
mod engine_simulate;
#[path = "engine_sweep.rs"]
mod engine_sweep;
