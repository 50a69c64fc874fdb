//! `riskshare simulate FILE`: Monte Carlo over the register through the share rules, on every
//! core, with a progress bar on a terminal and Ctrl-C reporting what was done as partial.

use super::amount::{grouped, plain};
use super::read::read;
use super::sweep::{HeldJson, aligned, base, cannot, held_json, number, signed_percent};
use super::table::variance_words;
use super::{Failure, OutputFormat, SimulateArgs, emit};
use crate::engine::WhatIf;
use crate::engine::simulate::{Control, Settings, Simulation, simulate};
use crate::model::text::clean;
use crate::model::{Agreement, Scenario};
use crate::signals::{Stop, StopSignals};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often the progress bar moves while the run is under way.
const TICK: Duration = Duration::from_millis(50);

/// What wakes the waiting thread: a stop signal, or the end of the run.
enum Wake {
    Stop(Stop),
    Done,
}

/// The most trials one run takes (each keeps one total per party).
const MAX_TRIALS: usize = 10_000_000;
/// Exit code of a run stopped by a signal, after printing what it did (128 + SIGINT).
pub const EXIT_STOPPED: u8 = 130;

fn whole<T: std::str::FromStr>(text: &str, option: &str, what: &str) -> Result<T, Failure> {
    text.trim()
        .parse()
        .map_err(|_| Failure::usage(format!("{option} '{text}' is not {what}")))
}

/// A count from `low` to `high`: a whole number too long to hold is out of range, not misspelt.
fn count(text: &str, option: &str, what: &str, low: usize, high: usize) -> Result<usize, Failure> {
    let digits = text.trim();
    let out_of_range = || Failure::usage(format!("{option} '{text}' must be from {low} to {high}"));
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let n: usize = digits.parse().map_err(|_| out_of_range())?;
        return if (low..=high).contains(&n) {
            Ok(n)
        } else {
            Err(out_of_range())
        };
    }
    whole(text, option, what).and_then(|n: usize| {
        if (low..=high).contains(&n) {
            Ok(n)
        } else {
            Err(out_of_range())
        }
    })
}

fn fraction(text: &str, option: &str, low: f64, high: f64) -> Result<f64, Failure> {
    let value = crate::model::money::parse_percent(text)
        .and_then(|d| d.to_f64())
        .filter(|v| (low..=high).contains(v));
    value.ok_or_else(|| {
        Failure::usage(format!(
            "{option} '{text}' is not a number from {low} to {high}"
        ))
    })
}

fn settings(args: &SimulateArgs) -> Result<(Settings, Option<usize>), Failure> {
    let trials = count(
        &args.trials,
        "--trials",
        "a whole number of trials",
        1,
        MAX_TRIALS,
    )?;
    let seed: u64 = whole(
        &args.seed,
        "--seed",
        "a whole number from 0 to 18446744073709551615",
    )?;
    let spread = match &args.spread {
        Some(text) => Some(fraction(text, "--spread", 0.0, 100.0)?),
        None => None,
    };
    let correlation = fraction(&args.correlation, "--correlation", 0.0, 1.0)?;
    let threads = match &args.threads {
        Some(text) => Some(count(
            text,
            "--threads",
            "a whole number of threads",
            1,
            256,
        )?),
        None => None,
    };
    Ok((
        Settings {
            trials,
            seed,
            spread,
            correlation,
        },
        threads,
    ))
}

pub fn run(args: &SimulateArgs) -> Result<ExitCode, Failure> {
    let agreement = read(&args.file)?;
    let base = base(
        &agreement,
        args.scenario.as_ref(),
        args.variance.as_ref(),
        &args.held,
    )?;
    let (settings, threads) = settings(args)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| Failure::error(format!("cannot start the worker threads: {e}")))?;
    let control = Control::default();
    // The run's end and the stop signals wake this thread on one channel, so it waits on
    // nothing once the trials are done, and ticks only to move the progress bar.
    let (wake, woken) = mpsc::channel();
    // Ctrl-C, SIGTERM and SIGHUP stop the run; a second Ctrl-C ends the process at once.
    let signals = StopSignals::forward(wake.clone(), Wake::Stop).ok();
    let mut stopped_by = None;
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let result = pool.install(|| simulate(&agreement, &base, &settings, &control));
            let _ = wake.send(Wake::Done);
            result
        });
        let started = Instant::now();
        let mut bar: Option<indicatif::ProgressBar> = None;
        while !worker.is_finished() {
            match woken.recv_timeout(TICK) {
                Ok(Wake::Done) => break,
                Ok(Wake::Stop(stop)) => {
                    stopped_by = Some(stop);
                    control.stop.store(true, Ordering::Relaxed);
                }
                Err(_) => {}
            }
            if bar.is_none()
                && started.elapsed() > Duration::from_secs(1)
                && std::io::stderr().is_terminal()
            {
                let b = indicatif::ProgressBar::with_draw_target(
                    Some(settings.trials as u64),
                    indicatif::ProgressDrawTarget::stderr(),
                );
                bar = Some(b);
            }
            if let Some(b) = &bar {
                b.set_position(control.done.load(Ordering::Relaxed) as u64);
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        worker.join()
    });
    drop(signals);
    let simulation = result
        .map_err(|_| Failure::error("the simulation stopped unexpectedly"))?
        .map_err(|e| cannot(&args.file, e))?;
    let named = args.scenario.as_ref().map(|_| base.name.as_str());
    let stop = stopped_by
        .filter(|_| simulation.partial())
        .map(|s| s.name());
    let text = match args.format {
        OutputFormat::Table => table(&agreement, named, &base, &settings, &simulation, stop),
        OutputFormat::Json => json(&agreement, named, &base, &settings, &simulation),
        OutputFormat::Csv => {
            csv(&simulation).map_err(|e| Failure::error(format!("cannot write the CSV: {e}")))?
        }
    };
    emit(&text)?;
    if simulation.partial() {
        eprintln!(
            "riskshare: stopped{}: {} of {} trials were run; the figures are partial",
            stop.map(|s| format!(" by {s}")).unwrap_or_default(),
            simulation.trials,
            simulation.requested
        );
        return Ok(ExitCode::from(EXIT_STOPPED));
    }
    Ok(ExitCode::SUCCESS)
}

/// A probability as a percent with one decimal, for a person.
fn chance(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

fn table(
    agreement: &Agreement,
    named: Option<&str>,
    base: &Scenario,
    settings: &Settings,
    s: &Simulation,
    stop: Option<&str>,
) -> String {
    let mut out = format!("{}\n", clean(&agreement.name));
    if let Some(name) = named {
        out.push_str(&format!("Scenario: {}.\n", clean(name)));
    }
    // The variance the trials start from: a run is traced back to its inputs from its head.
    out.push_str(&format!(
        "{}; risks and benefits drawn in each trial.\n",
        variance_words(&WhatIf::from_scenario(base))
    ));
    out.push_str(&format!(
        "{} trials, seed {}{}. Positive amounts are costs, in pounds.\n",
        grouped(Decimal::from(s.trials)).trim_end_matches(".00"),
        settings.seed,
        match settings.spread {
            Some(sd) => format!(
                "; scheme variances spread by {sd} points, correlation {}",
                settings.correlation
            ),
            None => String::new(),
        }
    ));
    if s.partial() {
        out.push_str(&format!(
            "\n!! PARTIAL: stopped{} after {} of {} trials.\n",
            stop.map(|s| format!(" by {s}")).unwrap_or_default(),
            s.trials,
            s.requested
        ));
    }
    out.push('\n');
    let mut rows = vec![
        [
            "party",
            "tolerance",
            "mean",
            "P5",
            "P50",
            "P80",
            "P95",
            "worst",
            "best",
            "breach",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for p in &s.parties {
        rows.push(vec![
            clean(&p.id),
            grouped(p.tolerance),
            grouped(p.mean),
            grouped(p.p5),
            grouped(p.p50),
            grouped(p.p80),
            grouped(p.p95),
            grouped(p.worst),
            grouped(p.best),
            chance(p.breach),
        ]);
    }
    out.push_str(&aligned(&rows, "  "));
    out.push('\n');
    let mut rows = vec![
        ["scheme", "mean variance", "unallocated", "mean unallocated"]
            .map(String::from)
            .to_vec(),
    ];
    for sc in &s.schemes {
        rows.push(vec![
            clean(&sc.id),
            grouped(sc.mean_variance),
            chance(sc.unallocated_probability),
            grouped(sc.unallocated_mean),
        ]);
    }
    out.push_str(&aligned(&rows, "  "));
    if !s.thresholds.is_empty() {
        out.push_str("\nReview thresholds: the chance the pool as a whole crosses each\n");
        for t in &s.thresholds {
            out.push_str(&format!(
                "  {:>6}  {:>6}  {}\n",
                signed_percent(t.at),
                chance(t.probability),
                clean(&t.action)
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct Report<'a> {
    agreement: &'a str,
    scenario: Option<&'a str>,
    /// The base variance the trials start from, in percent of every scheme's budget.
    variance_percent: String,
    /// The schemes held at their own percent or amount in pounds.
    held: Vec<HeldJson>,
    trials: usize,
    requested: usize,
    partial: bool,
    seed: u64,
    spread: Option<f64>,
    correlation: f64,
    parties: Vec<PartyJson<'a>>,
    schemes: Vec<SchemeJson<'a>>,
    thresholds: Vec<ThresholdJson<'a>>,
}

#[derive(Serialize)]
struct SchemeJson<'a> {
    id: &'a str,
    mean_variance: String,
    unallocated_probability: f64,
    unallocated_mean: String,
}

#[derive(Serialize)]
struct ThresholdJson<'a> {
    at: f64,
    action: &'a str,
    probability: f64,
}

#[derive(Serialize)]
struct PartyJson<'a> {
    id: &'a str,
    tolerance: String,
    mean: String,
    p5: String,
    p50: String,
    p80: String,
    p95: String,
    worst: String,
    best: String,
    breach_probability: f64,
}

fn json(
    agreement: &Agreement,
    named: Option<&str>,
    base: &Scenario,
    settings: &Settings,
    s: &Simulation,
) -> String {
    let what_if = WhatIf::from_scenario(base);
    let parties: Vec<PartyJson> = s
        .parties
        .iter()
        .map(|p| PartyJson {
            id: &p.id,
            tolerance: plain(p.tolerance),
            mean: plain(p.mean),
            p5: plain(p.p5),
            p50: plain(p.p50),
            p80: plain(p.p80),
            p95: plain(p.p95),
            worst: plain(p.worst),
            best: plain(p.best),
            breach_probability: p.breach,
        })
        .collect();
    let report = Report {
        agreement: &agreement.name,
        scenario: named,
        variance_percent: plain(what_if.base),
        held: held_json(&what_if),
        trials: s.trials,
        requested: s.requested,
        partial: s.partial(),
        seed: settings.seed,
        spread: settings.spread,
        correlation: settings.correlation,
        parties,
        schemes: s
            .schemes
            .iter()
            .map(|sc| SchemeJson {
                id: &sc.id,
                mean_variance: plain(sc.mean_variance),
                unallocated_probability: sc.unallocated_probability,
                unallocated_mean: plain(sc.unallocated_mean),
            })
            .collect(),
        thresholds: s
            .thresholds
            .iter()
            .map(|t| ThresholdJson {
                at: number(t.at),
                action: &t.action,
                probability: t.probability,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

fn csv(s: &Simulation) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "kind",
        "id",
        "tolerance",
        "mean",
        "p5",
        "p50",
        "p80",
        "p95",
        "worst",
        "best",
        "probability",
        "unallocated_mean",
    ])?;
    for p in &s.parties {
        out.write_record([
            "party".to_string(),
            super::csv_rows::inert(&p.id),
            plain(p.tolerance),
            plain(p.mean),
            plain(p.p5),
            plain(p.p50),
            plain(p.p80),
            plain(p.p95),
            plain(p.worst),
            plain(p.best),
            p.breach.to_string(),
            String::new(),
        ])?;
    }
    for sc in &s.schemes {
        let mut row = vec![
            "scheme".to_string(),
            super::csv_rows::inert(&sc.id),
            String::new(),
            plain(sc.mean_variance),
        ];
        row.extend(std::iter::repeat_n(String::new(), 6));
        row.push(sc.unallocated_probability.to_string());
        row.push(plain(sc.unallocated_mean));
        out.write_record(&row)?;
    }
    for t in &s.thresholds {
        let mut row = vec!["threshold".to_string(), t.at.normalize().to_string()];
        row.extend(std::iter::repeat_n(String::new(), 8));
        row.push(t.probability.to_string());
        row.push(String::new());
        out.write_record(&row)?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
