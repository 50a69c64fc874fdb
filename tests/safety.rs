//! Locks, autosave, recovery, signals and safe saving: one test binary for the whole group, so that
//! CI links a handful of binaries instead of one per file (each file stays a module of its own).

mod safety_support;

#[path = "safety_autosave.rs"]
mod safety_autosave;
#[path = "safety_inputs.rs"]
mod safety_inputs;
#[path = "safety_lock.rs"]
mod safety_lock;
#[path = "safety_recovery.rs"]
mod safety_recovery;
#[path = "safety_save.rs"]
mod safety_save;
#[path = "safety_signals.rs"]
mod safety_signals;
