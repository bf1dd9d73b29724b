//! Any text as a tokens file (`Tokens::parse`): accepted, or refused with a
//! position inside the text; an accepted file then answers read checks for
//! any `Authorization` header. No panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use uda_server::Tokens;

fuzz_target!(|text: &str| {
    match Tokens::parse(text, "tokens.toml") {
        Ok(tokens) => {
            for header in [
                None,
                Some(""),
                Some("Bearer "),
                Some("Bearer change-me"),
                Some(text),
            ] {
                let _ = tokens.authorize_read(header);
            }
        }
        Err(e) => {
            let lines = text.split('\n').count();
            assert!(
                e.line >= 1 && e.line <= lines && e.column >= 1,
                "error position {}:{} outside the text ({lines} lines): {e}",
                e.line,
                e.column
            );
        }
    }
});
