//! Headless commands: calc, check (and later simulate, export, import).
