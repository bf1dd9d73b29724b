//! IRIs naming where a model was read from, used as the base its relative IRIs resolve
//! against: a file's `file:` IRI, and a `urn:uda:source:` IRI for text given without a file.
//!
//! Formatting a path or a name into an IRI by hand breaks on a space, a `%` or any character
//! an IRI cannot hold, and the parsers then refuse the base: these functions percent-encode.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::fmt;
use std::path::{Path, PathBuf};

/// A path that has no `file:` IRI: the current directory, needed to make it absolute, is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIriError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for FileIriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} has no file: IRI: {}",
            self.path.display(),
            self.reason
        )
    }
}

impl std::error::Error for FileIriError {}

/// Characters `url` leaves as they are in a file URL's path but an IRI path cannot hold
/// (RFC 3987): encoded after `url` so that RDF parsers accept the IRI as a base.
const NOT_IN_IRI_PATHS: [char; 5] = ['|', '^', '[', ']', '\\'];

/// The `file:` IRI of `path`, made absolute against the current directory first (the file
/// need not exist). Spaces, `%`, non-ASCII characters and everything else an IRI path cannot
/// hold are percent-encoded, so `/tmp/my models/50%.ttl` is `file:///tmp/my%20models/50%25.ttl`.
pub fn file_iri(path: &Path) -> Result<String, FileIriError> {
    let error = |reason: String| FileIriError {
        path: path.to_owned(),
        reason,
    };
    let absolute = std::path::absolute(path).map_err(|e| error(e.to_string()))?;
    let url = url::Url::from_file_path(&absolute)
        .map_err(|()| error("it is not an absolute path".to_owned()))?;
    let mut iri = String::with_capacity(url.as_str().len());
    for c in url.as_str().chars() {
        if NOT_IN_IRI_PATHS.contains(&c) {
            iri.push_str(&format!("%{:02X}", c as u32));
        } else {
            iri.push(c);
        }
    }
    Ok(iri)
}

/// What a source name keeps as it is in [`source_iri`]: letters, digits and the characters
/// that read as a path (`/`, `.`, `-`, `_`, `~`, `:`); everything else is percent-encoded.
const SOURCE_NAME: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~')
    .remove(b':');

/// The base IRI of a source given as text and named `name` (a file name, `<stdin>`):
/// `urn:uda:source:` and the name, percent-encoded, so that any name gives a valid IRI and two
/// names never share one.
pub fn source_iri(name: &str) -> String {
    format!("urn:uda:source:{}", utf8_percent_encode(name, SOURCE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_percent_signs_are_encoded() {
        let iri = file_iri(Path::new("/tmp/my models/50%/a|b^[c].ttl")).expect("an IRI");
        assert_eq!(iri, "file:///tmp/my%20models/50%25/a%7Cb%5E%5Bc%5D.ttl");
        oxrdf::NamedNode::new(&iri).expect("a valid IRI");
    }

    #[test]
    fn relative_paths_are_made_absolute() {
        let iri = file_iri(Path::new("models/a.ttl")).expect("an IRI");
        let cwd = std::env::current_dir().expect("cwd");
        let expected = url::Url::from_file_path(cwd.join("models/a.ttl")).expect("a URL");
        assert_eq!(iri, expected.as_str());
    }

    /// Before file_iri, the base of a file under such a directory was not an IRI, and every
    /// file there failed to parse.
    #[test]
    fn a_file_under_a_directory_with_a_space_and_a_percent_sign_reads() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("my models 100%");
        std::fs::create_dir(&dir).expect("mkdir");
        let file = dir.join("m.ttl");
        std::fs::write(&file, "<a> <https://e.org/p> <b> .\n").expect("write");
        let doc = crate::Document::read(&file, None).expect("the file reads");
        let base = file_iri(&file).expect("an IRI");
        let subject = format!("{}/a", base.rsplit_once('/').expect("a path").0);
        let expected = oxrdf::NamedNode::new(&subject).expect("an IRI");
        assert!(doc
            .graph()
            .subjects_for_predicate_object(
                oxrdf::NamedNodeRef::new_unchecked("https://e.org/p"),
                oxrdf::NamedNodeRef::new_unchecked(&format!(
                    "{}/b",
                    base.rsplit_once('/').expect("a path").0
                )),
            )
            .any(|s| s == expected.as_ref().into()));
    }

    #[test]
    fn any_source_name_gives_a_valid_iri() {
        for name in ["<stdin>", "my model.ttl", "50%.ttl", "", "é{}|^`\"\\"] {
            let iri = source_iri(name);
            oxrdf::NamedNode::new(&iri).unwrap_or_else(|e| panic!("{iri}: {e}"));
        }
        assert_eq!(source_iri("models/a.ttl"), "urn:uda:source:models/a.ttl");
        assert_ne!(source_iri("a b"), source_iri("a_b"));
    }
}
