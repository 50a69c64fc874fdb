//! Speed of one full recalculation (filled in with the command line).
fn main() {}
