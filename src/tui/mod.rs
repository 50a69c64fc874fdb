//! The workbench: app state, actions, keymap, event loop, one file per pane, theme.
