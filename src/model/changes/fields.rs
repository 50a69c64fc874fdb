//! Records without words of their own, compared field by field and matched by id.

use super::Change;
use super::words::{shown, words};
use serde::Serialize;
use serde_json::Value;

/// Field by field, for records without words of their own: "R1: likelihood from 4 to 5".
pub(super) fn fields(owner: &str, old: &Value, new: &Value, out: &mut Vec<Change>) {
    let (Value::Object(o), Value::Object(n)) = (old, new) else {
        if old != new {
            out.push(Change::new(
                format!(
                    "{owner}: from {} to {}",
                    shown(words(old)),
                    shown(words(new))
                ),
                words(old),
                words(new),
            ));
        }
        return;
    };
    let lead = if owner.is_empty() {
        String::new()
    } else {
        format!("{owner}: ")
    };
    let mut keys: Vec<&String> = o.keys().collect();
    keys.extend(n.keys().filter(|k| !o.contains_key(*k)));
    for k in keys {
        let (a, b) = (
            o.get(k).unwrap_or(&Value::Null),
            n.get(k).unwrap_or(&Value::Null),
        );
        if a != b {
            let label = k.replace('_', " ");
            out.push(Change::new(
                format!(
                    "{lead}{label} from {} to {}",
                    shown(words(a)),
                    shown(words(b))
                ),
                words(a),
                words(b),
            ));
        }
    }
}

/// Items matched by id: added, removed, or changed field by field.
pub(super) fn listed<T: Serialize>(
    kind: &str,
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> String,
    out: &mut Vec<Change>,
) {
    let find = |list: &[T], key: &str| {
        list.iter()
            .find(|x| id(x) == key)
            .map(|x| serde_json::to_value(x).unwrap_or(Value::Null))
    };
    for o in old {
        let key = id(o);
        match find(new, &key) {
            Some(n) => fields(
                &format!("{kind} {key}"),
                &serde_json::to_value(o).unwrap_or(Value::Null),
                &n,
                out,
            ),
            None => out.push(Change::new(format!("{kind} {key} removed"), key, "")),
        }
    }
    for n in new.iter().filter(|n| find(old, &id(n)).is_none()) {
        out.push(Change::new(format!("{kind} {} added", id(n)), "", id(n)));
    }
}
