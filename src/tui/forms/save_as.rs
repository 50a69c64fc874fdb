//! Where to save an agreement that came from the built-in example.

use super::{Field, Form, FormKind, Outcome, Refusal};
use std::path::PathBuf;

pub fn new_form(quit_after: bool) -> Form {
    Form::new(
        "Save as",
        FormKind::SaveAs { quit_after },
        vec![Field::text(
            "File",
            "anytown.ron",
            "a path; the folder must exist",
        )],
    )
}

pub fn apply(form: &Form, quit_after: bool) -> Result<Outcome, Refusal> {
    let raw = form.value(0);
    if raw.is_empty() {
        return Err(Refusal::at(0, "File: a file name is needed"));
    }
    let path = PathBuf::from(raw);
    if path.is_dir() {
        return Err(Refusal::at(
            0,
            format!("File: '{raw}' is a folder; add a file name"),
        ));
    }
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
        && !parent.is_dir()
    {
        return Err(Refusal::at(
            0,
            format!("File: the folder '{}' does not exist", parent.display()),
        ));
    }
    Ok(Outcome::SaveTo(path, quit_after))
}
