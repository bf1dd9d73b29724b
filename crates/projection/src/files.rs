//! Generated file names as path components.
//!
//! A generated file is named from model content (`upper:domain`, class
//! names), and is written under an output directory the user chose. uda-upper
//! already refuses a domain that is not a short name; this is the last line:
//! whatever a projection names a file, it is written only if the name is one
//! plain component of the output directory.

use std::fmt;
use std::path::{Path, PathBuf};

/// A generated file name that is not one safe path component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeFileName(pub String);

impl fmt::Display for UnsafeFileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "refusing to write the generated file {:?}: a file name is 1 to 255 ASCII letters, digits, `.`, `_` or `-`, not starting with `.`",
            self.0
        )
    }
}

impl std::error::Error for UnsafeFileName {}

/// The longest file name most file systems accept, in bytes.
const MAX_FILE_NAME: usize = 255;

/// `name` as a single component of an output directory, or an error when it
/// could be anything else. Generated names are made of ASCII letters, digits,
/// `.`, `_` and `-`, so only those are let through: no separator (`/`, `\`),
/// drive (`:`), NUL or control character, no `.`, `..` or hidden name (a
/// leading `.`), nothing empty or too long. No platform reads such a name as
/// anything but a file in the directory.
pub fn file_component(name: &str) -> Result<&str, UnsafeFileName> {
    let safe = !name.is_empty()
        && name.len() <= MAX_FILE_NAME
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if safe {
        Ok(name)
    } else {
        Err(UnsafeFileName(name.to_owned()))
    }
}

/// The path of the generated file `name` under `dir`: see [`file_component`].
pub fn file_path(dir: &Path, name: &str) -> Result<PathBuf, UnsafeFileName> {
    file_component(name).map(|name| dir.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Component;

    #[test]
    fn generated_names_are_single_components() {
        for name in [
            "onepiece.graphql",
            "studio.sql",
            "marketing.shacl.ttl",
            "org.example.studio.Film.avsc",
            "a-b_c.1",
        ] {
            let path = file_path(Path::new("out"), name).expect(name);
            let parts: Vec<Component<'_>> = path.components().collect();
            assert_eq!(parts.len(), 2, "{name}");
            assert_eq!(parts[1], Component::Normal(name.as_ref()), "{name}");
        }
    }

    #[test]
    fn hostile_names_are_refused() {
        let long = "a".repeat(256);
        for name in [
            "",
            ".",
            "..",
            "../x.sql",
            "../../x",
            "/abs",
            "/etc/passwd",
            "a/b",
            "a\\b",
            "..\\x",
            "C:x",
            "c:\\x",
            ".hidden",
            "x\0y",
            "x\ny",
            "x\ty",
            "é.sql",
            "x y",
            "~",
            "$HOME",
            long.as_str(),
        ] {
            assert_eq!(
                file_component(name),
                Err(UnsafeFileName(name.to_owned())),
                "{name:?}"
            );
        }
    }
}
