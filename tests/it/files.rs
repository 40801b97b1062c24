//! Writing output: standard output and its states, files atomically, devices, links, signals.

use crate::support::*;

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // A table large enough that the output cannot fit in the pipe buffer.
    let rows: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                r#"{{"code":"M{i}","name":"Member {i}","amount":"{}"}}"#,
                i + 1
            )
        })
        .collect();
    let data = format!(
        r#"{{"schema_version":1,"fund":{{"name":"T","currency":"EUR","ceiling":"1e12"}},"allocations":[{}]}}"#,
        rows.join(",")
    );
    let t = Test::new();
    let path = t.file("big.json", data);
    let mut child = Command::new(env!("CARGO_BIN_EXE_safe"))
        .args(["--data", path.to_str().unwrap(), "rank"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is now closed: the rest of the write gets EPIPE.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_failed_svg_write_leaves_the_old_file() {
    let t = Test::new();
    let old = t.file("chart.svg", "old chart");
    // A file-size limit of one block makes the write fail part-way; the
    // signal it would raise is ignored, so the write returns an error.
    let script = format!(
        "trap '' XFSZ; ulimit -f 1; exec {} chart --svg {}",
        env!("CARGO_BIN_EXE_safe"),
        old.display()
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(74), "{:?}", out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "old chart");
    let left: Vec<_> = std::fs::read_dir(t.dir()).unwrap().collect();
    assert_eq!(left.len(), 1, "a temporary file was left behind");
    // And a good write replaces it whole.
    Test::new()
        .args(["chart", "--svg", old.to_str().unwrap()])
        .run()
        .ok();
    assert!(std::fs::read_to_string(&old).unwrap().starts_with("<?xml"));
}

#[test]
fn output_that_cannot_be_written_is_an_error() {
    for script in [
        "SAFE --help > /dev/full",
        "SAFE --version > /dev/full",
        "SAFE rank > /dev/full",
        "SAFE rank >&-",
    ] {
        let out = shell(script);
        assert_eq!(out.status.code(), Some(74), "{script}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{script}: {stderr}");
        assert!(
            stderr.starts_with("safe: error: standard output: cannot write"),
            "{stderr}"
        );
    }
    let out = shell("SAFE --data - total <&-");
    assert_eq!(out.status.code(), Some(66), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input is closed"));
    // A reader that stops early is a normal end.
    let out = shell("SAFE rank | head -1");
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{out:?}");
}
