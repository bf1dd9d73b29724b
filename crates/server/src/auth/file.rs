//! The tokens file of `uda serve --tokens FILE`: its syntax, its checks and its errors (each
//! with the file, line and column, never with a secret), and the SHA-256 digest tokens are
//! kept and compared as.

use super::{Reads, Token, Tokens, TokensFileError};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The tokens file, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    reads: Option<Reads>,
    #[serde(default)]
    token: Vec<toml::Spanned<TokenEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenEntry {
    secret: Option<toml::Spanned<String>>,
    secret_sha256: Option<toml::Spanned<String>>,
    domains: Vec<String>,
    name: Option<String>,
}

/// The SHA-256 digest of a secret, as `uda token hash` prints it and `secret_sha256` holds it:
/// 64 lowercase hexadecimal digits.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(digest(secret))
}

/// The digest tokens are compared as: the presented secret is hashed, then compared to every
/// token's digest in constant time, so that a file may hold digests instead of secrets.
pub(super) fn digest(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Reads a tokens file. Errors name the file, line and column.
pub(super) fn load(path: &std::path::Path) -> Result<Tokens, TokensFileError> {
    let origin = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| TokensFileError {
        origin: origin.clone(),
        line: 1,
        column: 1,
        message: format!("cannot read the tokens file: {e}"),
    })?;
    parse(&text, &origin)
}

/// Parses the text of a tokens file; `origin` names it in errors.
pub(super) fn parse(text: &str, origin: &str) -> Result<Tokens, TokensFileError> {
    let error_at = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        TokensFileError {
            origin: origin.to_owned(),
            line,
            column,
            message,
        }
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        error_at(offset, e.message().trim().to_owned())
    })?;
    let mut tokens: Vec<Token> = Vec::with_capacity(file.token.len());
    for (i, entry) in file.token.into_iter().enumerate() {
        let at = entry.span().start;
        let entry = entry.into_inner();
        let name = entry.name.unwrap_or_else(|| format!("token #{}", i + 1));
        let digest = match (entry.secret, entry.secret_sha256) {
            (Some(secret), None) => {
                if secret.get_ref().trim().is_empty() {
                    return Err(error_at(
                        secret.span().start,
                        format!("{name}: `secret` is empty"),
                    ));
                }
                digest(secret.get_ref())
            }
            (None, Some(hashed)) => parse_digest(hashed.get_ref()).ok_or_else(|| {
                error_at(
                    hashed.span().start,
                    format!(
                        "{name}: `secret_sha256` must be a SHA-256 digest, 64 hexadecimal digits (`uda token hash` prints it)"
                    ),
                )
            })?,
            (Some(_), Some(hashed)) => {
                return Err(error_at(
                    hashed.span().start,
                    format!("{name}: give `secret` or `secret_sha256`, not both"),
                ))
            }
            (None, None) => {
                return Err(error_at(
                    at,
                    format!(
                        "{name}: give the token's `secret`, or its digest as `secret_sha256` (`uda token hash`)"
                    ),
                ))
            }
        };
        if entry.domains.iter().any(|d| d.trim().is_empty()) {
            return Err(error_at(
                at,
                format!(
                    "{name}: a `domains` entry is empty: list the domains it may write (upper:domain names, model IRIs or namespaces), [\"*\"] for all, or [] for a read-only token"
                ),
            ));
        }
        if tokens.iter().any(|t| t.digest == digest) {
            return Err(error_at(
                at,
                format!("{name}: the same secret is given twice"),
            ));
        }
        if tokens.iter().any(|t| t.name == name) {
            return Err(error_at(
                at,
                format!("the token name `{name}` is given twice"),
            ));
        }
        tokens.push(Token {
            digest,
            name,
            domains: entry.domains,
        });
    }
    Ok(Tokens {
        tokens,
        reads: file.reads.unwrap_or(Reads::Open),
        from_file: true,
        open_writes: None,
    })
}

/// 64 hexadecimal digits (either case) as a digest.
fn parse_digest(text: &str) -> Option<[u8; 32]> {
    let bytes = hex::decode(text.trim()).ok()?;
    bytes.try_into().ok()
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
