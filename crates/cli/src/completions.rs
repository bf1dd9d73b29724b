//! `uda completions SHELL`: a completion script for the shell, made by
//! clap_complete from the same definition of the command line that parses it.

use clap::CommandFactory;
use clap_complete::Shell;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run<C: CommandFactory>(args: &Args) -> crate::Outcome {
    let mut command = C::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "uda", &mut script);
    crate::output::print(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
