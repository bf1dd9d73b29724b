//! Where models come from: files, standard input (`-`), and directories to
//! resolve imports in.

use crate::{runtime, usage, Failure};
use std::io::Read;
use std::path::{Path, PathBuf};
use uda_upper::{Loaded, Loader, RdfFormat};

/// How diagnostics name a model read from standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Model files, `-` for standard input, and import directories.
#[derive(Debug, clap::Args)]
pub struct ModelInputs {
    /// Model files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD; format
    /// from the extension), or `-` for standard input (Turtle unless --rdf-format).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A directory of models that imports are resolved against (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `--rdf-format`.
#[derive(Debug, Clone, clap::Args)]
pub struct FormatArg {
    /// Read every model in this RDF format instead of guessing from its file
    /// extension (turtle, trig, ntriples, nquads, rdfxml, jsonld).
    #[arg(long = "rdf-format", value_name = "FORMAT", value_parser = parse_rdf_format)]
    pub rdf_format: Option<RdfFormat>,
}

fn parse_rdf_format(name: &str) -> Result<RdfFormat, String> {
    uda_upper::format_from_name(name).ok_or_else(|| {
        format!("unknown RDF format `{name}` (turtle, trig, ntriples, nquads, rdfxml, jsonld)")
    })
}

impl FormatArg {
    /// The format of `path`: the one given, else from its extension (Turtle on stdin).
    pub fn of(&self, path: &Path) -> Result<RdfFormat, Failure> {
        if is_stdin(path) {
            return Ok(self.rdf_format.unwrap_or(RdfFormat::Turtle));
        }
        self.rdf_format
            .or_else(|| uda_upper::format_from_path(path))
            .ok_or_else(|| {
                usage(format!(
                    "cannot tell the RDF format of {} from its extension (use --rdf-format)",
                    path.display()
                ))
            })
    }
}

impl ModelInputs {
    /// Loads and validates the models, or says which path is unusable.
    pub fn load(&self) -> Result<Loaded, Failure> {
        let mut loader = Loader::new();
        once_from_stdin(&self.files)?;
        for file in &self.files {
            if is_stdin(file) {
                let bytes = read_stdin()?;
                loader.input_text(STDIN_NAME, bytes, self.format.of(file)?);
            } else {
                exists(file)?;
                loader.input_file_as(file, self.format.rdf_format);
            }
        }
        add_libraries(&mut loader, &self.include)?;
        Ok(loader.load())
    }
}

/// Adds the RDF files under each directory as libraries for imports.
pub fn add_libraries(loader: &mut Loader, dirs: &[PathBuf]) -> Result<(), Failure> {
    for dir in dirs {
        if !dir.is_dir() {
            return Err(usage(format!("no such directory: {}", dir.display())));
        }
        loader
            .library_dir(dir)
            .map_err(|e| runtime(format!("cannot read directory {}: {e}", dir.display())))?;
    }
    Ok(())
}

/// Whether `path` means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Refuses `-` given more than once: standard input can be read once.
pub fn once_from_stdin(paths: &[PathBuf]) -> Result<(), Failure> {
    if paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(usage("standard input (`-`) can be given only once"));
    }
    Ok(())
}

/// A usage error unless `path` is an existing file.
pub fn exists(path: &Path) -> Result<(), Failure> {
    if path.is_file() {
        Ok(())
    } else if path.exists() {
        Err(usage(format!("{} is not a file", path.display())))
    } else {
        Err(usage(format!("no such file: {}", path.display())))
    }
}

/// The whole of standard input.
pub fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| runtime(format!("cannot read standard input: {e}")))?;
    Ok(bytes)
}

/// The bytes of `path`, or of standard input for `-`, and how to name it.
pub fn read(path: &Path) -> Result<(String, Vec<u8>), Failure> {
    if is_stdin(path) {
        return Ok((STDIN_NAME.to_owned(), read_stdin()?));
    }
    exists(path)?;
    let bytes =
        std::fs::read(path).map_err(|e| runtime(format!("cannot read {}: {e}", path.display())))?;
    Ok((path.display().to_string(), bytes))
}
