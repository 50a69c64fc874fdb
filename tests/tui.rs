//! The workbench, driven by keys and read off the screen: one test binary for the whole group, so
//! that CI links a handful of binaries instead of one per file (each file stays a module of its
//! own).

mod common;
mod pty_support;

#[path = "tui_analytics.rs"]
mod tui_analytics;
#[path = "tui_bandwidth.rs"]
mod tui_bandwidth;
#[path = "tui_checks.rs"]
mod tui_checks;
#[path = "tui_compare_export.rs"]
mod tui_compare_export;
#[path = "tui_crowded.rs"]
mod tui_crowded;
#[path = "tui_details.rs"]
mod tui_details;
#[path = "tui_every_pound.rs"]
mod tui_every_pound;
#[path = "tui_fit.rs"]
mod tui_fit;
#[path = "tui_form_editing.rs"]
mod tui_form_editing;
#[path = "tui_governance_views.rs"]
mod tui_governance_views;
#[path = "tui_inert_text.rs"]
mod tui_inert_text;
#[path = "tui_keys.rs"]
mod tui_keys;
#[path = "tui_large.rs"]
mod tui_large;
#[path = "tui_money.rs"]
mod tui_money;
#[path = "tui_overflow.rs"]
mod tui_overflow;
#[path = "tui_present.rs"]
mod tui_present;
#[path = "tui_pty.rs"]
mod tui_pty;
#[path = "tui_register.rs"]
mod tui_register;
#[path = "tui_rule_editing.rs"]
mod tui_rule_editing;
#[path = "tui_safety.rs"]
mod tui_safety;
#[path = "tui_safety_app.rs"]
mod tui_safety_app;
#[path = "tui_scenario_bars.rs"]
mod tui_scenario_bars;
#[path = "tui_scenarios.rs"]
mod tui_scenarios;
#[path = "tui_screens.rs"]
mod tui_screens;
#[path = "tui_structured_editors.rs"]
mod tui_structured_editors;
#[path = "tui_terminals.rs"]
mod tui_terminals;
#[path = "tui_unicode.rs"]
mod tui_unicode;
#[path = "tui_whatif.rs"]
mod tui_whatif;
