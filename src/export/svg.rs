//! Inline SVG charts the program draws itself: each party's exposure curve against its
//! tolerance, and the scenarios side by side. No script, no font file, no link: plain shapes
//! and text the browser prints as it shows them.

use super::html::esc;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;

/// Colours told apart by colour-blind readers (Okabe and Ito), dark enough for white paper.
const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
];

const WIDTH: f64 = 340.0;
const HEIGHT: f64 = 210.0;
const LEFT: f64 = 62.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 26.0;
const BOTTOM: f64 = 34.0;

/// A party's total at each base variance, with its tolerance as a dashed line.
pub fn exposure_curve(
    title: &str,
    percents: &[Decimal],
    totals: &[Decimal],
    tolerance: Decimal,
) -> String {
    let xs: Vec<f64> = percents.iter().map(f).collect();
    let ys: Vec<f64> = totals.iter().map(f).collect();
    let tol = f(&tolerance);
    let (x_min, x_max) = range(&xs, 0.0);
    let (y_min, y_max) = range(
        &ys.iter().copied().chain([tol, 0.0]).collect::<Vec<_>>(),
        1.0,
    );
    let sx = |x: f64| LEFT + (x - x_min) / (x_max - x_min) * (WIDTH - LEFT - RIGHT);
    let sy = |y: f64| TOP + (y_max - y) / (y_max - y_min) * (HEIGHT - TOP - BOTTOM);
    let mut svg = open(title);
    axes(&mut svg, WIDTH, y_min, y_max, &sy);
    for x in [x_min, (x_min + x_max) / 2.0, x_max] {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">{}%</text>"#,
            sx(x),
            HEIGHT - BOTTOM + 14.0,
            x
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">variance, % of every budget</text>"#,
        (LEFT + WIDTH - RIGHT) / 2.0,
        HEIGHT - 4.0
    );
    let _ = write!(
        svg,
        r##"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#C00000" stroke-width="1.5" stroke-dasharray="6 3"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="tol">tolerance {}</text>"##,
        LEFT,
        WIDTH - RIGHT,
        WIDTH - RIGHT,
        sy(tol) - 4.0,
        esc(&short_money(tol)),
        y = sy(tol)
    );
    let points: Vec<String> = xs
        .iter()
        .zip(&ys)
        .map(|(x, y)| format!("{:.1},{:.1}", sx(*x), sy(*y)))
        .collect();
    let _ = write!(
        svg,
        r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>"#,
        points.join(" "),
        PALETTE[0]
    );
    svg.push_str("</svg>");
    svg
}

/// Groups of bars, one group per party, one bar per scenario, with a legend.
pub fn scenario_bars(
    title: &str,
    parties: &[String],
    scenarios: &[String],
    totals: &[Vec<Decimal>],
) -> String {
    let width =
        (LEFT + RIGHT + 40.0 + parties.len() as f64 * (scenarios.len() as f64 * 14.0 + 26.0))
            .max(480.0);
    let legend_rows = scenarios.len().div_ceil(3) as f64;
    let height = HEIGHT + 40.0 + legend_rows * 14.0;
    let values: Vec<f64> = totals.iter().flatten().map(f).chain([0.0]).collect();
    let (y_min, y_max) = range(&values, 1.0);
    let plot_bottom = height - BOTTOM - legend_rows * 14.0 - 6.0;
    let sy = |y: f64| TOP + (y_max - y) / (y_max - y_min) * (plot_bottom - TOP);
    let mut svg = format!(
        r#"<svg viewBox="0 0 {width:.0} {height:.0}" role="img" class="chart"><title>{t}</title><text x="{LEFT}" y="16" class="ctitle">{t}</text>"#,
        t = esc(title)
    );
    axes(&mut svg, width, y_min, y_max, &sy);
    let group = (width - LEFT - RIGHT) / parties.len().max(1) as f64;
    let bar = ((group - 16.0) / scenarios.len().max(1) as f64).min(28.0);
    for (p, party) in parties.iter().enumerate() {
        let x0 = LEFT + p as f64 * group + (group - bar * scenarios.len() as f64) / 2.0;
        for (s, _) in scenarios.iter().enumerate() {
            let value = totals
                .get(s)
                .and_then(|row| row.get(p))
                .map(f)
                .unwrap_or(0.0);
            let (top, bottom) = if value >= 0.0 {
                (sy(value), sy(0.0))
            } else {
                (sy(0.0), sy(value))
            };
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}</title></rect>"#,
                x0 + s as f64 * bar,
                top,
                (bar - 2.0).max(1.0),
                (bottom - top).max(0.5),
                PALETTE[s % PALETTE.len()],
                esc(&format!("{}: {}", scenarios[s], short_money(value)))
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">{}</text>"#,
            LEFT + (p as f64 + 0.5) * group,
            plot_bottom + 14.0,
            esc(party)
        );
    }
    for (s, name) in scenarios.iter().enumerate() {
        let x = LEFT + (s % 3) as f64 * 150.0;
        let y = plot_bottom + 30.0 + (s / 3) as f64 * 14.0;
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{:.1}" width="10" height="10" fill="{}"/><text x="{:.1}" y="{y:.1}" class="tick">{}</text>"#,
            y - 9.0,
            PALETTE[s % PALETTE.len()],
            x + 14.0,
            esc(name)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn open(title: &str) -> String {
    format!(
        r#"<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart"><title>{t}</title><text x="{LEFT}" y="16" class="ctitle">{t}</text>"#,
        t = esc(title)
    )
}

/// The y axis: gridlines at round amounts across `width`, and a darker zero line.
fn axes(svg: &mut String, width: f64, y_min: f64, y_max: f64, sy: &dyn Fn(f64) -> f64) {
    for y in ticks(y_min, y_max) {
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{v:.1}" x2="{:.1}" y2="{v:.1}" stroke="#DDDDDD"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text>"##,
            width - RIGHT,
            LEFT - 4.0,
            sy(y) + 3.0,
            esc(&short_money(y)),
            v = sy(y)
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{z:.1}" x2="{:.1}" y2="{z:.1}" stroke="#555555"/>"##,
        width - RIGHT,
        z = sy(0.0)
    );
}

/// Round amounts between `lo` and `hi`: steps of 1, 2 or 5 times a power of ten, four or so.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).abs().max(1.0);
    let raw = span / 4.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(power * 10.0);
    let mut y = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while y <= hi + step * 1e-9 && out.len() < 12 {
        out.push(if y.abs() < step * 1e-9 { 0.0 } else { y });
        y += step;
    }
    out
}

/// The lowest and highest of some values, widened so a flat line still has a height.
fn range(values: &[f64], pad: f64) -> (f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    if (hi - lo).abs() < f64::EPSILON {
        return (lo - pad.max(1.0), hi + pad.max(1.0));
    }
    let margin = (hi - lo) * 0.05 * pad;
    (lo - margin, hi + margin)
}

/// A figure for a chart (never for a table): amounts only set where a shape is drawn.
fn f(value: &Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// `£1.2m`, `£250k`, `-£40k`, `£0`.
pub fn short_money(value: f64) -> String {
    let sign = if value < 0.0 { "-" } else { "" };
    let v = value.abs();
    if v >= 1_000_000.0 {
        format!(
            "{sign}£{}m",
            format!("{:.1}", v / 1_000_000.0).trim_end_matches(".0")
        )
    } else if v >= 1_000.0 {
        format!("{sign}£{:.0}k", v / 1_000.0)
    } else {
        format!("{sign}£{v:.0}")
    }
}
