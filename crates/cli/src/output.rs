//! How the command line talks: the global `--quiet` and `--color`, each
//! command's `--format human|json`, and writing to standard output so that a
//! closed pipe (`uda query … | head`) ends quietly while any other write
//! failure (a full disk, `> /dev/full`) is a runtime failure (exit 3).
//!
//! What the user asked for (query results, schema text, JSON reports) goes to
//! stdout and is never silenced; messages about the work (summaries, warnings,
//! notes) go to stderr and `--quiet` drops them; errors always show.

use crate::{runtime, Failure};
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::io::{ErrorKind, Write};
use uda_upper::{Diagnostic, Loaded, Severity};

/// Options every command takes.
#[derive(Debug, clap::Args)]
pub struct GlobalArgs {
    /// Print only errors and the output asked for: no summaries, warnings or notes.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// When to colour messages: auto (when writing to a terminal and NO_COLOR is
    /// unset), always or never.
    #[arg(
        long,
        value_enum,
        global = true,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto
    )]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl GlobalArgs {
    /// Sets the colour choice for every stream of the process, and gives the [`Ui`].
    pub fn apply(&self) -> Ui {
        let choice = match self.color {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
        Ui { quiet: self.quiet }
    }
}

/// How a command reports: for people (text) or for machines (JSON on stdout).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Human,
    Json,
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const NOTE: Style = Style::new().bold();
const LOCATION: Style = AnsiColor::Blue.on_default().bold();
const GOOD: Style = AnsiColor::Green.on_default().bold();

/// The command line's voice, as `--quiet` and `--color` set it.
pub struct Ui {
    pub quiet: bool,
}

impl Ui {
    /// `error: MESSAGE` on stderr, always.
    pub fn error(&self, message: &str) {
        let _ = writeln!(anstream::stderr(), "{ERROR}error{ERROR:#}: {message}");
    }

    /// `note: MESSAGE` on stderr, unless quiet.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            let _ = writeln!(anstream::stderr(), "{NOTE}note{NOTE:#}: {message}");
        }
    }

    /// A line about the work done, on stderr, unless quiet.
    pub fn summary(&self, line: &str) {
        if !self.quiet {
            let _ = writeln!(anstream::stderr(), "{line}");
        }
    }

    /// The diagnostics of loaded models, rustc style, on stderr: errors always,
    /// warnings unless quiet.
    pub fn diagnostics(&self, loaded: &Loaded) {
        self.render(&loaded.diagnostics, &|f, l| loaded.source_line(f, l));
    }

    /// Diagnostics without their source text (from a server or the registry).
    pub fn diagnostics_of(&self, diagnostics: &[Diagnostic]) {
        self.render(diagnostics, &|_, _| None);
    }

    /// Diagnostics, quoting the lines `source` gives (file name, line number).
    pub fn render(&self, diagnostics: &[Diagnostic], source: &dyn Fn(&str, u32) -> Option<String>) {
        let mut text = String::new();
        for d in diagnostics {
            if self.quiet && d.severity == Severity::Warning {
                continue;
            }
            text.push_str(&d.render(source));
            text.push('\n');
        }
        let _ = write!(anstream::stderr(), "{}", paint_diagnostics(&text));
    }

    /// `word` in green (a success), for status lines.
    pub fn good(&self, word: &str) -> String {
        format!("{GOOD}{word}{GOOD:#}")
    }

    /// Status lines on stdout (the report of a command whose output is its
    /// report), unless quiet; they may be coloured.
    pub fn status(&self, text: &str) -> Result<(), Failure> {
        if self.quiet {
            return Ok(());
        }
        write_all(&mut anstream::stdout(), text)
    }
}

/// Writes `text` to stdout as it is. A closed pipe is not an error (the reader
/// has seen what it wanted); any other failure is.
pub fn print(text: &str) -> Result<(), Failure> {
    write_all(&mut std::io::stdout().lock(), text)
}

fn write_all(out: &mut impl Write, text: &str) -> Result<(), Failure> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) => write_failed(&e),
    }
}

/// What a failed write to stdout means: nothing for a closed pipe, otherwise exit 3.
pub fn write_failed(e: &std::io::Error) -> Result<(), Failure> {
    if e.kind() == ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(runtime(format!("cannot write the output: {e}")))
    }
}

/// Writes `value` as pretty JSON and a newline to stdout.
pub fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| runtime(format!("cannot write the report: {e}")))?;
    text.push('\n');
    print(&text)
}

/// A table for people: a header, a rule and left-aligned columns two spaces apart.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let mut line = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ");
        line.truncate(line.trim_end().len());
        line.push('\n');
        line
    };
    let mut text = line(&header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>());
    text.push_str(&line(
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    ));
    for row in &rows {
        text.push_str(&line(row));
    }
    text
}

/// Colours the headers of rendered diagnostics (`error[U031]`, `warning[…]`),
/// their locations and their notes; anstream drops the colours where they are
/// not wanted.
fn paint_diagnostics(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let painted = [("error[", ERROR), ("warning[", WARNING)]
            .iter()
            .find_map(|(prefix, style)| {
                let end = line.strip_prefix(prefix)?.find("]:")? + prefix.len() + 1;
                Some(format!("{style}{}{style:#}{}", &line[..end], &line[end..]))
            })
            .or_else(|| {
                let rest = line.strip_prefix("  --> ")?;
                Some(format!("  {LOCATION}-->{LOCATION:#} {rest}"))
            })
            .or_else(|| {
                let rest = line.strip_prefix("   = ")?;
                let (label, message) = rest.split_once(':')?;
                Some(format!("   = {NOTE}{label}{NOTE:#}:{message}"))
            });
        out.push_str(painted.as_deref().unwrap_or(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::paint_diagnostics;

    #[test]
    fn diagnostics_keep_their_text_when_painted() {
        let text = "error[U031]: a class has no key\n  --> m.ttl:3:1\n   = help: add one\n";
        let painted = paint_diagnostics(text);
        assert_ne!(painted, text, "nothing was coloured");
        let plain = anstream::adapter::strip_str(&painted).to_string();
        assert_eq!(plain, text);
    }
}
