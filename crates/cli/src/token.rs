//! `uda token hash`: the SHA-256 digest of a token's secret, for the `secret_sha256` field of a
//! `uda serve --tokens` file (so that the file need not hold the secret itself).

use crate::{runtime, usage};
use std::io::Read;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: TokenCommand,
}

#[derive(Debug, clap::Subcommand)]
enum TokenCommand {
    /// Print the SHA-256 digest of a secret read from standard input.
    ///
    /// Leading and trailing whitespace (the newline of `echo`) is not part of the secret, as a
    /// server ignores it in `Authorization: Bearer <secret>`. Put the digest in the tokens file
    /// instead of the secret:
    ///
    ///     [[token]]
    ///     name = "studio-team"
    ///     secret_sha256 = "<the 64 hex digits printed>"
    ///     domains = ["studio"]
    ///
    /// Clients still send the secret itself. Example:
    /// `head -c 32 /dev/urandom | base64 | tee secret.txt | uda token hash`.
    #[command(verbatim_doc_comment)]
    Hash,
}

pub fn run(args: &Args) -> crate::Outcome {
    match args.command {
        TokenCommand::Hash => hash(),
    }
}

fn hash() -> crate::Outcome {
    let mut secret = String::new();
    std::io::stdin()
        .read_to_string(&mut secret)
        .map_err(|e| runtime(format!("cannot read the secret from standard input: {e}")))?;
    let secret = secret.trim();
    if secret.is_empty() {
        return Err(usage(
            "no secret on standard input (e.g. `uda token hash < secret.txt`)",
        ));
    }
    crate::output::print(&format!("{}\n", uda_server::hash_secret(secret)))?;
    Ok(ExitCode::SUCCESS)
}
