#![doc = include_str!("../README.md")]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The repository root, where the tests run `uda`.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `uda` binary of the build running the tests.
///
/// `env!("CARGO_BIN_EXE_uda")` is set only for the tests of the crate that
/// defines the binary (crates/cli), so this finds it the way assert_cmd and
/// escargot do: cargo puts a test executable in `<profile dir>/deps/` and
/// the workspace's binaries in `<profile dir>/`. `cargo test --workspace`
/// builds the binary before running any test (crates/cli has a test of its
/// own, `tests/binary.rs`, which also checks this function against cargo's
/// `CARGO_BIN_EXE_uda`); a test run that selects only this crate's tests
/// runs whatever binary was last built there.
pub fn uda_binary() -> PathBuf {
    let test_exe = std::env::current_exe().expect("the path of the running test executable");
    let profile_dir = test_exe
        .parent()
        .and_then(Path::parent)
        .unwrap_or_else(|| panic!("{} has no grandparent directory", test_exe.display()));
    let binary = profile_dir.join(format!("uda{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.is_file(),
        "the uda binary is not at {}: build it first with `cargo build --bin uda` \
         (same profile and target directory as the tests), or run `cargo test --workspace`, \
         which builds it before any test runs",
        binary.display()
    );
    binary
}

/// `uda` run from the repository root, with no registry or token from the environment.
pub fn uda_command() -> Command {
    let mut command = Command::new(uda_binary());
    command
        .current_dir(repo())
        .env_remove("UDA_DATA")
        .env_remove("UDA_SERVER")
        .env_remove("UDA_TOKEN");
    command
}

/// `uda ARGS` from the repository root, with no registry or token from the environment.
pub fn uda(args: &[&str]) -> Output {
    uda_command().args(args).output().expect("run uda")
}

/// `uda ARGS --data DATA`.
pub fn uda_on(data: &Path, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    let data = data.to_str().expect("UTF-8 path");
    all.extend(["--data", data]);
    uda(&all)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The text of an example model.
pub fn example(name: &str) -> String {
    let path = repo().join(format!("ontologies/examples/{name}.ttl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` with each `(from, to)` replaced, each of which must occur.
pub fn edited(text: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(text.to_owned(), |text, (from, to)| {
        assert!(text.contains(from), "{from:?} is not in the text");
        text.replace(from, to)
    })
}

/// The edit making `studio:synopsis` required: a breaking change under BACKWARD.
pub const REQUIRED_SYNOPSIS: (&str, &str) = (
    "upper:label \"synopsis\" ;\n    upper:datatype xsd:string ; upper:minCount 0 ;",
    "upper:label \"synopsis\" ;\n    upper:datatype xsd:string ; upper:minCount 1 ;",
);

/// Writes `text` as `dir/name` and gives its path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// A running `uda serve`, and what it has written to stderr so far.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    stderr: mpsc::Receiver<String>,
}

impl Served {
    /// `uda serve --bind 127.0.0.1:0 --data DATA EXTRA…`, once it says where it listens.
    pub fn start(data: &Path, extra: &[&str]) -> Served {
        let mut child = Command::new(uda_binary())
            .args(["serve", "--bind", "127.0.0.1:0", "--data"])
            .arg(data)
            .args(extra)
            .current_dir(repo())
            .env_remove("UDA_TOKEN")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn uda serve");
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut seen = Vec::new();
        let url = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("no `listening on` line; stderr so far: {seen:?}"));
            if let Some(url) = line.strip_prefix("listening on ") {
                break url.to_owned();
            }
            seen.push(line);
        };
        Served {
            child,
            url,
            stderr: rx,
        }
    }

    /// The request lines (`request{method=… path=…}: … answered`) `uda serve` has logged since
    /// the last call or its start. It asks `GET /health` and reads the log up to that request's
    /// line (left out), so every request answered before the call is in.
    pub fn requests_logged(&self) -> Vec<String> {
        let address = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(address).expect("connect to uda serve");
        write!(
            stream,
            "GET /health HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .expect("send GET /health");
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .expect("read GET /health");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        let mut out = Vec::new();
        loop {
            let line = self
                .stderr
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("GET /health was not logged; read so far: {out:?}"));
            if line.contains("path=/health") {
                return out;
            }
            if line.contains("request{") {
                out.push(line);
            }
        }
    }

    /// Sends SIGTERM and waits for the exit; gives the exit code and the rest of stderr.
    pub fn terminate(mut self) -> (Option<i32>, String) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let code = self.child.wait().expect("wait").code();
        let rest: Vec<String> = self.stderr.try_iter().collect();
        (code, rest.join("\n"))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
