//! The totals of an `extract` run, printed on stderr at the end.

use std::fmt;
use std::time::Duration;

use kehoach_extract::schema::Output;

use crate::messages::plural;

/// Counts over every document of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Documents read, failed ones included.
    pub documents: u64,
    /// Files that failed: error records, unwritable outputs, unreadable folders.
    pub failed: u64,
    /// Tasks extracted.
    pub tasks: u64,
    /// Tasks with no lead agency.
    pub tasks_without_lead: u64,
    /// Tasks whose deadline phrase was not understood.
    pub deadlines_unknown: u64,
    /// Bytes read.
    pub bytes: u64,
}

impl Totals {
    /// Counts one document's record.
    pub fn add(&mut self, output: &Output) {
        self.documents += 1;
        self.tasks += u64::from(output.summary.tasks);
        self.tasks_without_lead += u64::from(output.summary.tasks_without_lead);
        self.deadlines_unknown += u64::from(output.summary.deadlines_unknown);
        self.bytes += output.source.bytes;
    }

    /// Adds the counts of another set of documents.
    pub fn merge(&mut self, other: &Totals) {
        self.documents += other.documents;
        self.failed += other.failed;
        self.tasks += other.tasks;
        self.tasks_without_lead += other.tasks_without_lead;
        self.deadlines_unknown += other.deadlines_unknown;
        self.bytes += other.bytes;
    }

    /// The summary lines, with the throughput over `elapsed`.
    pub fn report(&self, elapsed: Duration) -> Report<'_> {
        Report {
            totals: self,
            elapsed,
        }
    }
}

/// [`Totals`] as printed:
///
/// ```text
/// 19 documents, 1 file failed: 812 tasks, 37 without a lead, 12 deadlines not understood
/// 2.31 MB in 0.84 s: 2.75 MB/s, 22.6 documents/s
/// ```
#[derive(Debug)]
pub struct Report<'a> {
    totals: &'a Totals,
    elapsed: Duration,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let totals = self.totals;
        writeln!(
            f,
            "{}, {} failed: {}, {} without a lead, {} not understood",
            plural(totals.documents, "document", "documents"),
            plural(totals.failed, "file", "files"),
            plural(totals.tasks, "task", "tasks"),
            totals.tasks_without_lead,
            plural(totals.deadlines_unknown, "deadline", "deadlines"),
        )?;
        let seconds = self.elapsed.as_secs_f64().max(1e-6);
        let megabytes = totals.bytes as f64 / 1e6;
        write!(
            f,
            "{megabytes:.2} MB in {seconds:.2} s: {:.2} MB/s, {:.1} documents/s",
            megabytes / seconds,
            totals.documents as f64 / seconds,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_reads_well() {
        let totals = Totals {
            documents: 4,
            failed: 1,
            tasks: 10,
            tasks_without_lead: 2,
            deadlines_unknown: 1,
            bytes: 2_000_000,
        };
        assert_eq!(
            totals.report(Duration::from_secs(2)).to_string(),
            "4 documents, 1 file failed: 10 tasks, 2 without a lead, 1 deadline not understood\n\
             2.00 MB in 2.00 s: 1.00 MB/s, 2.0 documents/s"
        );
    }
}
