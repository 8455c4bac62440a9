//! `switchboard`: see `switchboard --help`, and the library crate `switchboard_cli`.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use switchboard_cli::printable::printable;
use switchboard_cli::{EXIT_BAD_INPUT, cli::Cli, run, write_atomically};

fn main() -> ExitCode {
    // clap prints help (exit 0) and usage errors (exit 2) itself.
    let cli = Cli::parse();
    match run(cli) {
        Ok(outcome) => {
            if let Some(path) = &outcome.output {
                if let Err(error) = write_atomically(path, &outcome.stdout) {
                    eprintln!("switchboard: {error}");
                    return ExitCode::from(EXIT_BAD_INPUT);
                }
            } else {
                let mut stdout = std::io::stdout().lock();
                // A closed pipe (`switchboard catalog | head`) is not an error.
                let _ = stdout
                    .write_all(outcome.stdout.as_bytes())
                    .and_then(|()| stdout.flush());
            }
            let mut stderr = std::io::stderr().lock();
            for note in &outcome.notes {
                // Notes quote names and paths from the inputs.
                let _ = writeln!(stderr, "switchboard: {}", printable(note));
            }
            ExitCode::from(outcome.code)
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr().lock(), "switchboard: {error}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}
