//! Reads a register's cells, from CSV or from one worksheet of an .xlsx workbook, as rows of
//! [`Cell`]s with the row numbers a spreadsheet shows (the header is row 1).

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

/// One cell, as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell: days since 1899-12-30, as Excel counts them.
    Date(f64),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: a number as its shortest exact decimal (`1250.5`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) | Cell::Date(n) => format!("{n}"),
        }
    }
}

/// A sheet: its rows, each with its row number.
pub struct Sheet {
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// Reads the register by its extension: `.csv` or `.xlsx` (`.xlsm`).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            if sheet.is_some() {
                return Err("--sheet only applies to an .xlsx workbook, not a CSV file".into());
            }
            read_csv(path)
        }
        "xlsx" | "xlsm" => read_xlsx(path, sheet),
        _ => Err(format!(
            "cannot tell what kind of register '{ext}' is; riskshare reads .csv and .xlsx files"
        )),
    }
}

fn read_csv(path: &Path) -> Result<Sheet, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    // A byte-order mark, as Excel writes in "CSV UTF-8", is not part of the first heading.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        let record = record.map_err(|e| format!("row {}: is not readable CSV: {e}", i + 1))?;
        let cells = record
            .iter()
            .map(|field| match String::from_utf8_lossy(field).trim() {
                "" => Cell::Empty,
                t => Cell::Text(t.to_string()),
            })
            .collect();
        rows.push((i + 1, cells));
    }
    Ok(Sheet { rows })
}

fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<Sheet, String> {
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e| format!("is not a readable .xlsx workbook: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "has no worksheet '{wanted}'; its worksheets are {}",
                    crate::export::sentences::join_and(
                        &names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>()
                    )
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "has no worksheets".to_string())?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("worksheet '{name}' cannot be read: {e}"))?;
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let first_row = usize::try_from(first_row).unwrap_or(0);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| (first_row + i + 1, row.iter().map(cell).collect()))
        .collect();
    Ok(Sheet { rows })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) => Cell::Date(d.as_f64()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}
