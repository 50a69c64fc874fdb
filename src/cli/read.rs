//! Reads an agreement file for a headless command.
//!
//! Interim: once `store::load(path)` (full validation, friendlier errors) is merged, `read`
//! becomes a call to it and `refuse_dangling` goes; it checks only what the engine would
//! otherwise pass over in silence.

use super::Failure;
use crate::model::Agreement;
use crate::model::text::clean;
use std::io::ErrorKind;
use std::path::Path;

/// A file larger than this is not an agreement someone wrote; refuse it rather than read it.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Loads and checks an agreement; the failure names the file.
pub fn read(path: &Path) -> Result<Agreement, Failure> {
    let origin = clean(&path.display().to_string());
    let cannot = |why: &str| Failure::error(format!("cannot read {origin}: {why}"));
    let meta = std::fs::metadata(path).map_err(|e| cannot(&io_reason(e.kind(), &e)))?;
    if meta.is_dir() {
        return Err(cannot("it is a folder, not an agreement file"));
    }
    if meta.len() > MAX_BYTES {
        return Err(cannot(
            "it is larger than 64 MB, far more than any agreement",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| cannot(&io_reason(e.kind(), &e)))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| cannot("it is not text (an agreement is UTF-8 RON, as saved by riskshare)"))?;
    let agreement =
        crate::store::parse(&text, &origin).map_err(|e| Failure::error(e.to_string()))?;
    refuse_dangling(&agreement, &text, &origin)?;
    Ok(agreement)
}

fn io_reason(kind: ErrorKind, e: &std::io::Error) -> String {
    match kind {
        ErrorKind::NotFound => "there is no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Refuses a reference to a party or scheme that does not exist and a likelihood outside 1-5.
fn refuse_dangling(agreement: &Agreement, text: &str, origin: &str) -> Result<(), Failure> {
    let party = |id: &str, place: &str| -> Result<(), Failure> {
        match agreement.party(id) {
            Some(_) => Ok(()),
            None => Err(at(
                text,
                origin,
                &format!("\"{id}\""),
                format!("{place} names an unknown party '{id}'"),
            )),
        }
    };
    let scheme = |id: &str, place: &str| -> Result<(), Failure> {
        match agreement.scheme(id) {
            Some(_) => Ok(()),
            None => Err(at(
                text,
                origin,
                &format!("\"{id}\""),
                format!("{place} names an unknown scheme '{id}'"),
            )),
        }
    };
    for s in &agreement.schemes {
        for member in s.members() {
            party(member, &format!("scheme '{}' contributions", s.id))?;
        }
        for (side, rule) in [("overspend", &s.overspend), ("underspend", &s.underspend)] {
            for capped in rule.caps.keys() {
                party(capped, &format!("scheme '{}' {side} caps", s.id))?;
            }
        }
    }
    for r in &agreement.risks {
        party(&r.owner, &format!("risk '{}' owner", r.id))?;
        for p in r.influence.keys() {
            party(p, &format!("risk '{}' influence", r.id))?;
        }
        if let Some(s) = &r.scheme {
            scheme(s, &format!("risk '{}'", r.id))?;
        }
        let (residual_l, residual_i) = r.residual_position();
        for (field, value) in [
            ("likelihood", r.likelihood),
            ("impact", r.impact),
            ("residual likelihood", residual_l),
            ("residual impact", residual_i),
        ] {
            if !(1..=5).contains(&value) {
                let key = field.rsplit(' ').next().unwrap_or(field);
                return Err(at(
                    text,
                    origin,
                    &format!("{key}: {value}"),
                    format!("risk '{}': {field} is {value}, but it must be 1 to 5", r.id),
                ));
            }
        }
    }
    for b in &agreement.benefits {
        party(&b.realised_by, &format!("benefit '{}' realised_by", b.id))?;
        if let Some(s) = &b.scheme {
            scheme(s, &format!("benefit '{}'", b.id))?;
        }
    }
    for sc in &agreement.scenarios {
        for s in sc.schemes.keys() {
            scheme(s, &format!("scenario '{}'", sc.name))?;
        }
    }
    Ok(())
}

/// A failure at the first line of the file that contains `needle` (1 when none does).
fn at(text: &str, origin: &str, needle: &str, message: String) -> Failure {
    let line = text
        .lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1);
    Failure::error(format!("{origin}:{line}: {message}"))
}
