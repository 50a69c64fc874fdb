//! Loading, validating and saving agreement files: one test binary for the whole group, so that CI
//! links a handful of binaries instead of one per file (each file stays a module of its own).

mod common;

#[path = "save_patch.rs"]
mod save_patch;
#[path = "store_bad_files.rs"]
mod store_bad_files;
#[path = "store_fuzz.rs"]
mod store_fuzz;
#[path = "store_governance.rs"]
mod store_governance;
#[path = "store_roundtrip.rs"]
mod store_roundtrip;
#[path = "store_validate.rs"]
mod store_validate;
