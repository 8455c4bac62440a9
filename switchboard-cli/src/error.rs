//! The one error type of the command: bad input, named by file, with the reason.
//!
//! Every error the command reports is an [`InputError`]; `main` prints it on stderr as
//! `switchboard: FILE: REASON` and exits with [`crate::EXIT_BAD_INPUT`].

use std::fmt;

use crate::printable::printable;

/// Input the command cannot use: a file it cannot read or parse, or an argument it cannot
/// accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file (or argument) at fault, when there is one.
    pub file: Option<String>,
    /// What is wrong, and where in the file.
    pub reason: String,
}

impl InputError {
    /// An error about a file.
    pub fn in_file(file: impl Into<String>, reason: impl Into<String>) -> Self {
        InputError {
            file: Some(file.into()),
            reason: reason.into(),
        }
    }

    /// An error about the command line rather than a file.
    pub fn usage(reason: impl Into<String>) -> Self {
        InputError {
            file: None,
            reason: reason.into(),
        }
    }

    /// The same error, attributed to `file` unless it already names one.
    pub fn with_file(mut self, file: &str) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_owned());
        }
        self
    }
}

/// Shown through [`printable`]: a file name or a reason quoting the input cannot act on the
/// terminal it is printed on.
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}: {}", printable(file), printable(&self.reason)),
            None => f.write_str(&printable(&self.reason)),
        }
    }
}

impl std::error::Error for InputError {}
