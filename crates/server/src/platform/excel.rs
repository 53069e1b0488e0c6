//! Excel import and export: templates with Chinese headers, reading uploaded xlsx files into rows
//! keyed by column, and writing list exports.

use super::error::{AppError, AppResult, FieldError};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Color, DataValidation, Format, Workbook};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Cursor;
use utoipa::ToSchema;

/// One column of an import template or export.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Field name in the API.
    pub key: &'static str,
    /// Chinese header in the sheet.
    pub header: &'static str,
    pub required: bool,
    /// Allowed values, offered as a drop-down in the template.
    pub choices: &'static [&'static str],
    /// Width in characters.
    pub width: f64,
    /// A note shown under the header in the template's instructions.
    pub note: &'static str,
}

/// A problem with one cell of an uploaded sheet; `row` is the sheet's row number as Excel shows it.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct RowError {
    /// Row number in the file (or record number, from 1, in a JSON batch).
    pub row: u32,
    /// Field name in the API.
    pub field: String,
    /// Column header in the sheet.
    pub column: String,
    pub reason: String,
}

/// The answer to an import: what was written, and what was refused row by row.
#[derive(Debug, Clone, Serialize, ToSchema, Default)]
pub struct ImportReport {
    pub total_rows: u32,
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Row errors, in row order (at most `MAX_REPORTED_ERRORS`).
    pub errors: Vec<RowError>,
    /// Row errors found beyond those listed (a file that is wrong throughout is not echoed back whole).
    #[serde(default)]
    pub errors_omitted: u32,
}

/// Row errors listed in one report at most.
pub const MAX_REPORTED_ERRORS: usize = 10_000;

fn header_format() -> Format {
    Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7)).set_border(rust_xlsxwriter::FormatBorder::Thin)
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(anyhow::anyhow!("xlsx: {e}"))
}

/// An empty template: headers (required ones marked with *), drop-downs, and an instructions sheet.
pub fn template(sheet: &str, columns: &[Column], example: &[&str]) -> AppResult<Vec<u8>> {
    let mut wb = Workbook::new();
    let hf = header_format();
    let req = header_format().set_font_color(Color::RGB(0xC00000));
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(xlsx_err)?;
    for (i, c) in columns.iter().enumerate() {
        let col = i as u16;
        let title = if c.required { format!("*{}", c.header) } else { c.header.to_string() };
        ws.write_string_with_format(0, col, &title, if c.required { &req } else { &hf }).map_err(xlsx_err)?;
        ws.set_column_width(col, c.width).map_err(xlsx_err)?;
        if !c.choices.is_empty() {
            let dv = DataValidation::new().allow_list_strings(c.choices).map_err(xlsx_err)?;
            ws.add_data_validation(1, col, 10_000, col, &dv).map_err(xlsx_err)?;
        }
        if let Some(v) = example.get(i) {
            ws.write_string(1, col, *v).map_err(xlsx_err)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    let notes = wb.add_worksheet();
    notes.set_name("填写说明").map_err(xlsx_err)?;
    notes.write_string_with_format(0, 0, "列名", &hf).map_err(xlsx_err)?;
    notes.write_string_with_format(0, 1, "是否必填", &hf).map_err(xlsx_err)?;
    notes.write_string_with_format(0, 2, "说明", &hf).map_err(xlsx_err)?;
    notes.set_column_width(0, 22).map_err(xlsx_err)?;
    notes.set_column_width(2, 80).map_err(xlsx_err)?;
    for (i, c) in columns.iter().enumerate() {
        let r = i as u32 + 1;
        notes.write_string(r, 0, c.header).map_err(xlsx_err)?;
        notes.write_string(r, 1, if c.required { "必填" } else { "选填" }).map_err(xlsx_err)?;
        let mut note = c.note.to_string();
        if !c.choices.is_empty() {
            note = format!("{note}可选值：{}", c.choices.join("、"));
        }
        notes.write_string(r, 2, &note).map_err(xlsx_err)?;
    }
    let r = columns.len() as u32 + 2;
    notes
        .write_string(
            r,
            0,
            "第一个工作表的第2行为示例，导入前请删除或覆盖。同一编码重复导入时更新原记录，内容相同则不变。",
        )
        .map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}

/// Write rows (already formatted as text) under Chinese headers.
pub fn export(sheet: &str, columns: &[Column], rows: impl Iterator<Item = Vec<String>>) -> AppResult<Vec<u8>> {
    let mut wb = Workbook::new();
    let hf = header_format();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(xlsx_err)?;
    for (i, c) in columns.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, c.header, &hf).map_err(xlsx_err)?;
        ws.set_column_width(i as u16, c.width).map_err(xlsx_err)?;
    }
    for (r, row) in rows.enumerate() {
        for (i, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, i as u16, v).map_err(xlsx_err)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => dt.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A sheet's rows: (row number as the user sees it, column key → text).
pub type SheetRows = Vec<(u32, HashMap<&'static str, String>)>;

/// Match header cells to columns by Chinese header or field name (a leading `*` is ignored); a
/// missing required column is an error naming it.
pub fn map_headers(headers: &[String], columns: &[Column]) -> AppResult<Vec<(usize, &'static str)>> {
    let mut index: Vec<(usize, &'static str)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let t = h.trim_start_matches('\u{feff}').trim_start_matches('*').trim();
        if let Some(c) = columns.iter().find(|c| c.header == t || c.key == t) {
            index.push((i, c.key));
        }
    }
    let missing: Vec<&str> =
        columns.iter().filter(|c| c.required && !index.iter().any(|(_, k)| *k == c.key)).map(|c| c.header).collect();
    if !missing.is_empty() {
        return Err(AppError::field("file", format!("表头缺少必填列：{}，请使用下载的模板", missing.join("、"))));
    }
    Ok(index)
}

fn keyed(index: &[(usize, &'static str)], cells: impl Fn(usize) -> String) -> HashMap<&'static str, String> {
    let mut map = HashMap::new();
    for (i, key) in index {
        let v = cells(*i);
        let v = v.trim();
        if !v.is_empty() {
            map.insert(*key, v.to_string());
        }
    }
    map
}

/// The data rows of the first sheet of an xlsx file.
pub fn read_rows(bytes: &[u8], columns: &[Column]) -> AppResult<SheetRows> {
    if bytes.len() < 4 || &bytes[..2] != b"PK" {
        return Err(AppError::UnsupportedMediaType("上传的文件不是Excel（.xlsx）文件".into()));
    }
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|_| AppError::UnsupportedMediaType("上传的文件不是有效的Excel（.xlsx）文件".into()))?;
    let range = match wb.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        _ => return Err(AppError::field("file", "Excel文件中没有可读取的工作表")),
    };
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Err(AppError::field("file", "工作表为空，缺少表头"));
    };
    let index = map_headers(&header.iter().map(cell_text).collect::<Vec<_>>(), columns)?;
    let start_row = range.start().map(|(r, _)| r).unwrap_or(0);
    let mut out = Vec::new();
    for (n, row) in rows.enumerate() {
        let map = keyed(&index, |i| row.get(i).map(cell_text).unwrap_or_default());
        if !map.is_empty() {
            // Excel row numbers are 1-based and the header is the first row.
            out.push((start_row + n as u32 + 2, map));
        }
    }
    Ok(out)
}

/// The data rows of a CSV file (UTF-8, a header row of Chinese headers or field names), read one
/// at a time: a file of a million rows is never held in memory. A row that cannot be read is an
/// error of that row; the rows after it are still read.
pub struct CsvRows<R: std::io::Read> {
    rdr: csv::Reader<R>,
    index: Vec<(usize, &'static str)>,
    record: csv::StringRecord,
    done: bool,
}

pub fn csv_rows<R: std::io::Read>(reader: R, columns: &[Column]) -> AppResult<CsvRows<R>> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| match e.kind() {
            csv::ErrorKind::Utf8 { .. } => AppError::UnsupportedMediaType("CSV文件须为UTF-8编码".into()),
            _ => AppError::field("file", format!("CSV表头无法读取：{e}")),
        })?
        .iter()
        .map(str::to_string)
        .collect();
    let index = map_headers(&headers, columns)?;
    Ok(CsvRows { rdr, index, record: csv::StringRecord::new(), done: false })
}

impl<R: std::io::Read> Iterator for CsvRows<R> {
    type Item = (u32, Result<HashMap<&'static str, String>, FieldError>);

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let result = self.rdr.read_record(&mut self.record);
            let line = self.record.position().map(|p| p.line() as u32).unwrap_or(0);
            match result {
                Ok(false) => return None,
                Ok(true) => {
                    let map = keyed(&self.index, |i| self.record.get(i).unwrap_or("").to_string());
                    if !map.is_empty() {
                        return Some((line, Ok(map)));
                    }
                }
                Err(e) => {
                    let line = e.position().map(|p| p.line() as u32).unwrap_or(line);
                    let reason = match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => "该行不是UTF-8编码的文字".to_string(),
                        csv::ErrorKind::Io(_) => {
                            self.done = true;
                            format!("文件读取中断：{e}")
                        }
                        _ => format!("该行无法读取：{e}"),
                    };
                    return Some((line, Err(FieldError::new("row", reason))));
                }
            }
        }
        None
    }
}

/// An xlsx download with a Chinese file name.
pub fn xlsx_response(filename: &str, bytes: Vec<u8>) -> Response {
    let encoded = percent_encoding::utf8_percent_encode(filename, percent_encoding::NON_ALPHANUMERIC).to_string();
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"export.xlsx\"; filename*=UTF-8''{encoded}")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}
