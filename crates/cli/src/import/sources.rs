//! The sources of `uda import`: files, directories expanded to their files of
//! the system's extensions, and standard input; each labelled (the name the
//! container records) independently of where it lies, and shown to the user
//! as the path given.

use super::Located;
use crate::input::{exists, is_stdin, once_from_stdin, read_stdin, STDIN_NAME};
use crate::{runtime, usage, Failure};
use std::path::{Component, Path, PathBuf};

/// The sources read, as one schema.
pub struct Sources {
    /// Where they are: the single file, the common directory of several, or
    /// `-` for standard input alone.
    pub location: String,
    /// The stem of that file or directory (`stdin` for standard input alone).
    pub stem: String,
    /// `(label, text)` of each source, in order: the label is its path relative
    /// to the common directory (the file name for a single file).
    files: Vec<(String, String)>,
    /// `(label, how it is shown in messages: its path as given)` of every
    /// source, text or not.
    names: Vec<(String, String)>,
    /// The sources that are not UTF-8 text, located.
    undecodable: Vec<Located>,
}

/// One source as given.
enum Given<'a> {
    Stdin,
    File(&'a Path),
    Dir(&'a Path),
}

impl Sources {
    /// Reads the sources; a directory gives its files (under it, at any depth)
    /// with one of `extensions`, sorted by path.
    pub fn gather(paths: &[PathBuf], extensions: &[&str]) -> Result<Sources, Failure> {
        once_from_stdin(paths)?;
        let mut given = Vec::with_capacity(paths.len());
        for path in paths {
            given.push(if is_stdin(path) {
                Given::Stdin
            } else if path.is_dir() {
                Given::Dir(path)
            } else {
                exists(path)?;
                Given::File(path)
            });
        }
        let (root, location, stem) = place(&given);
        let mut sources = Sources {
            location,
            stem,
            files: Vec::new(),
            names: Vec::new(),
            undecodable: Vec::new(),
        };
        for source in &given {
            match source {
                Given::Stdin => {
                    sources.add(STDIN_NAME.to_owned(), STDIN_NAME.to_owned(), read_stdin()?)
                }
                Given::File(path) => {
                    let label = label(&lexical(path), &root);
                    sources.add(label, path.display().to_string(), read(path)?);
                }
                Given::Dir(dir) => {
                    let found = files_under(dir, extensions)?;
                    if found.is_empty() {
                        let names: Vec<String> =
                            extensions.iter().map(|e| format!(".{e}")).collect();
                        return Err(usage(format!(
                            "no {} file under {}",
                            names.join(", "),
                            dir.display()
                        )));
                    }
                    for relative in found {
                        let path = dir.join(&relative);
                        let label = label(&lexical(dir).join(&relative), &root);
                        sources.add(label, path.display().to_string(), read(&path)?);
                    }
                }
            }
        }
        Ok(sources)
    }

    fn add(&mut self, label: String, shown: String, bytes: Vec<u8>) {
        self.names.push((label.clone(), shown));
        match String::from_utf8(bytes) {
            Ok(text) => self.files.push((label, text)),
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                // The position of the first byte that is not UTF-8.
                let valid = String::from_utf8_lossy(valid);
                let line = valid.matches('\n').count() + 1;
                let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                self.undecodable.push(Located {
                    location: format!("{label}:{line}:{column}"),
                    message: "not UTF-8 text".to_owned(),
                });
            }
        }
    }

    /// The `(label, text)` sources, or where one is not text.
    pub fn texts(&self) -> Result<&[(String, String)], Vec<Located>> {
        if self.undecodable.is_empty() {
            Ok(&self.files)
        } else {
            Err(self.undecodable.clone())
        }
    }

    /// The labels of the sources, in order.
    pub fn labels(&self) -> Vec<&str> {
        self.names.iter().map(|(label, _)| label.as_str()).collect()
    }

    /// `messages` located by label, located instead by the path as given.
    pub fn relocated(&self, messages: impl IntoIterator<Item = Located>) -> Vec<Located> {
        messages
            .into_iter()
            .map(|mut m| {
                // The longest label that starts the location: labels may
                // prefix each other (`a.gql` and `a.gql:x.gql`).
                let found = self
                    .names
                    .iter()
                    .filter(|(label, _)| {
                        m.location
                            .strip_prefix(label.as_str())
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
                    })
                    .max_by_key(|(label, _)| label.len());
                if let Some((label, shown)) = found {
                    m.location = format!("{shown}{}", &m.location[label.len()..]);
                }
                m
            })
            .collect()
    }
}

/// The common directory the sources are labelled relative to, the location
/// naming the container, and its default name.
fn place(given: &[Given<'_>]) -> (PathBuf, String, String) {
    let paths: Vec<(PathBuf, bool)> = given
        .iter()
        .filter_map(|g| match g {
            Given::Stdin => None,
            Given::File(path) => Some((lexical(path), false)),
            Given::Dir(path) => Some((lexical(path), true)),
        })
        .collect();
    match paths.as_slice() {
        [] => (PathBuf::new(), "-".to_owned(), "stdin".to_owned()),
        [(file, false)] if given.len() == 1 => {
            let stem = file
                .file_stem()
                .map_or_else(|| "schema".to_owned(), |s| s.to_string_lossy().into_owned());
            let parent = file.parent().map(Path::to_path_buf).unwrap_or_default();
            (parent, shown(file), stem)
        }
        _ => {
            let mut anchors = paths.iter().map(|(path, is_dir)| {
                if *is_dir {
                    path.clone()
                } else {
                    path.parent().map(Path::to_path_buf).unwrap_or_default()
                }
            });
            let first = anchors.next().unwrap_or_default();
            let root = anchors.fold(first, |common, anchor| {
                common
                    .components()
                    .zip(anchor.components())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect()
            });
            let stem = directory_name(&root);
            (root.clone(), shown(&root), stem)
        }
    }
}

/// The name of a directory, `.` and `..` resolved: a directory given as `.`
/// is named as it is called.
fn directory_name(dir: &Path) -> String {
    let named = match dir.file_name() {
        Some(name) => Some(name.to_os_string()),
        None => std::fs::canonicalize(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_os_string())),
    };
    named.map_or_else(|| "schema".to_owned(), |n| n.to_string_lossy().into_owned())
}

/// `path` without its `.` components (`./a/./b/` is `a/b`).
fn lexical(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| *c != Component::CurDir)
        .collect()
}

/// A path as a location: `/`-separated, `.` when empty.
fn shown(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [] => ".".to_owned(),
        [root, rest @ ..] if path.has_root() => format!("{root}{}", rest.join("/")),
        _ => parts.join("/"),
    }
}

/// The label of `path` (lexical): relative to `root`, `/`-separated.
fn label(path: &Path, root: &Path) -> String {
    shown(path.strip_prefix(root).unwrap_or(path))
}

/// The bytes of a file.
fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| runtime(format!("cannot read {}: {e}", path.display())))
}

/// The files under `dir`, at any depth, with one of `extensions`, as paths
/// relative to it, sorted. Links to directories are not followed (no cycle).
fn files_under(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, Failure> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let here = dir.join(&relative);
        let entries = std::fs::read_dir(&here)
            .map_err(|e| runtime(format!("cannot read directory {}: {e}", here.display())))?;
        for entry in entries {
            let entry = entry
                .map_err(|e| runtime(format!("cannot read directory {}: {e}", here.display())))?;
            let path = relative.join(entry.file_name());
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                pending.push(path);
            } else if has_extension(&path, extensions) && dir.join(&path).is_file() {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::{label, place, Given};
    use std::path::Path;

    fn placed(given: &[Given<'_>]) -> (String, String, String) {
        let (root, location, stem) = place(given);
        (root.display().to_string(), location, stem)
    }

    #[test]
    fn one_file_is_its_own_location_and_named_by_its_stem() {
        let file = Given::File(Path::new("./api/schema.graphql"));
        assert_eq!(
            placed(&[file]),
            ("api".into(), "api/schema.graphql".into(), "schema".into())
        );
        assert_eq!(
            label(Path::new("api/schema.graphql"), Path::new("api")),
            "schema.graphql"
        );
    }

    #[test]
    fn several_sources_are_placed_in_their_common_directory() {
        let given = [
            Given::File(Path::new("repo/api/a.graphql")),
            Given::Dir(Path::new("repo/api/more/")),
            Given::Stdin,
        ];
        assert_eq!(
            placed(&given),
            ("repo/api".into(), "repo/api".into(), "api".into())
        );
        assert_eq!(
            label(Path::new("repo/api/more/b.graphql"), Path::new("repo/api")),
            "more/b.graphql"
        );
        assert_eq!(
            placed(&[Given::Dir(Path::new("/srv/avro"))]),
            ("/srv/avro".into(), "/srv/avro".into(), "avro".into())
        );
    }

    #[test]
    fn standard_input_alone_is_named_stdin() {
        assert_eq!(
            placed(&[Given::Stdin]),
            (String::new(), "-".into(), "stdin".into())
        );
    }
}
