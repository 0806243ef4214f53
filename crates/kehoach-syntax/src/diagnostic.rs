//! Diagnostics: what the parser noticed but could not (or should not)
//! silently fix.

/// How much a diagnostic matters to a reader of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; the output is complete.
    Info,
    /// Part of the document may be missing or wrong in the output.
    Warning,
    /// The document could not be processed.
    Error,
}

impl Severity {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One thing the parser noticed, with the line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// A stable kebab-case code, e.g. `letters-restart`.
    pub code: &'static str,
    /// A lowercase message naming the offending text.
    pub message: String,
    /// The 1-based line it concerns, if any.
    pub line: Option<u32>,
}

/// Collects diagnostics, keeping at most a fixed number per code so a
/// pathological input cannot produce an unbounded report.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
    suppressed: Vec<(&'static str, u32)>,
}

/// Diagnostics of one code kept per document; the rest are counted.
const MAX_PER_CODE: usize = 50;

impl Diagnostics {
    pub(crate) fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        line: Option<u32>,
        message: String,
    ) {
        let same_code = self.items.iter().filter(|d| d.code == code).count();
        if same_code >= MAX_PER_CODE {
            match self.suppressed.iter_mut().find(|(c, _)| *c == code) {
                Some((_, count)) => *count += 1,
                None => self.suppressed.push((code, 1)),
            }
            return;
        }
        self.items.push(Diagnostic {
            severity,
            code,
            message,
            line,
        });
    }

    pub(crate) fn info(&mut self, code: &'static str, line: Option<u32>, message: String) {
        self.push(Severity::Info, code, line, message);
    }

    pub(crate) fn warning(&mut self, code: &'static str, line: Option<u32>, message: String) {
        self.push(Severity::Warning, code, line, message);
    }

    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        for (code, count) in self.suppressed {
            self.items.push(Diagnostic {
                severity: Severity::Info,
                code,
                message: format!("{count} more '{code}' diagnostics not shown"),
                line: None,
            });
        }
        self.items.sort_by_key(|d| d.line.unwrap_or(u32::MAX));
        self.items
    }
}
