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

/// Runs `script` in `sh` with SAFE as the binary, in `dir`.
fn sh_in(dir: &std::path::Path, script: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .args(["-c", &script.replace("SAFE", env!("CARGO_BIN_EXE_safe"))])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn a_read_write_dev_null_is_not_a_closed_stream() {
    // As Python's subprocess.DEVNULL and Node's 'ignore' give it.
    let t = Test::new();
    for (script, code) in [
        ("SAFE check 1<>/dev/null", 0),
        ("SAFE total 1<>/dev/null", 0),
        ("SAFE rank 1<>/dev/null", 0),
        ("SAFE --data missing.csv total 1<>/dev/null", 66),
        ("SAFE --data - --data-format csv total 0<>/dev/null", 65),
        ("SAFE rank >&-", 74),
    ] {
        let out = sh_in(t.dir(), script);
        assert_eq!(out.status.code(), Some(code), "{script}: {out:?}");
    }
    let out = sh_in(
        t.dir(),
        "SAFE --data - --data-format csv total 0<>/dev/null",
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("empty input"),
        "{out:?}"
    );
}

#[test]
fn devices_are_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let t = Test::new();
    // A character device: /dev/null takes the page and stays a device.
    let out = sh_in(
        t.dir(),
        "SAFE report --output /dev/null && SAFE chart --svg /dev/null",
    );
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // One that fails to take it is an error, and stays a device.
    let out = sh_in(t.dir(), "SAFE chart --svg /dev/full");
    assert_eq!(out.status.code(), Some(74), "{out:?}");
    assert!(
        std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // Standard output by any of its names.
    for path in ["-", "/dev/stdout", "/dev/fd/1"] {
        let out = sh_in(t.dir(), &format!("SAFE chart --svg {path} | head -c 5"));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "<?xml",
            "{path}: {out:?}"
        );
    }
    // A device made here, as root would (CI containers run as root).
    let dev = t.dir().join("dev");
    let made = std::process::Command::new("mknod")
        .args([dev.to_str().unwrap(), "c", "1", "3"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        let out = sh_in(t.dir(), "SAFE report --output dev");
        assert!(out.status.success(), "{out:?}");
        assert!(
            std::fs::metadata(&dev)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    assert_eq!(
        std::fs::read_dir(t.dir()).unwrap().count(),
        usize::from(dev.exists())
    );
}

#[test]
fn a_fifo_gets_the_whole_page_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let t = Test::new();
    let fifo = t.dir().join("f");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = sh_in(t.dir(), "SAFE report --output f");
    assert!(out.status.success(), "{out:?}");
    let got = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(
        got.starts_with("<!DOCTYPE html>") && got.trim_end().ends_with("</html>"),
        "{got}"
    );
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_symlink_stays_a_link_and_its_target_is_replaced() {
    let t = Test::new();
    let real = t.file("real.svg", "old");
    std::os::unix::fs::symlink("real.svg", t.dir().join("link.svg")).unwrap();
    let out = sh_in(t.dir(), "SAFE chart --svg link.svg");
    assert!(out.status.success(), "{out:?}");
    let link = std::fs::symlink_metadata(t.dir().join("link.svg")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().starts_with("<?xml"));
    // A dangling link: its target is made.
    std::os::unix::fs::symlink("made.svg", t.dir().join("dangling.svg")).unwrap();
    let out = sh_in(t.dir(), "SAFE chart --svg dangling.svg");
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::symlink_metadata(t.dir().join("dangling.svg"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(t.dir().join("made.svg"))
            .unwrap()
            .starts_with("<?xml")
    );
    let names: Vec<String> = std::fs::read_dir(t.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "no temporary file left: {names:?}");
}

#[test]
fn a_read_only_file_is_refused_even_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new();
    let file = t.file("page.html", "protected");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = sh_in(t.dir(), "SAFE report --output page.html");
    assert_eq!(out.status.code(), Some(74), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("page.html") && stderr.contains("read-only"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "protected");
}

#[test]
fn a_new_file_takes_the_umask_and_a_replaced_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new();
    let mode = |name: &str| {
        std::fs::metadata(t.dir().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    };
    for (umask, expected) in [("077", 0o600), ("022", 0o644), ("002", 0o664)] {
        let name = format!("page-{umask}.html");
        let out = sh_in(
            t.dir(),
            &format!("umask {umask}; SAFE report --output {name}"),
        );
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(mode(&name), expected, "umask {umask}");
    }
    let kept = t.file("kept.html", "old");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = sh_in(t.dir(), "umask 000; SAFE report --output kept.html");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(mode("kept.html"), 0o640);
}

#[test]
fn man_dir_writes_every_page_or_none() {
    let t = Test::new();
    let dir = t.dir().join("man1");
    std::fs::create_dir(&dir).unwrap();
    // A page's name taken by a directory: that page cannot be written.
    std::fs::create_dir(dir.join("safe-rank.1")).unwrap();
    let out = sh_in(t.dir(), "SAFE man --dir man1");
    assert_eq!(out.status.code(), Some(74), "{out:?}");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(left.len(), 1, "no page written: {left:?}");
    // A file where the directory goes.
    t.file("notdir", "x");
    let out = sh_in(t.dir(), "SAFE man --dir notdir");
    assert_eq!(out.status.code(), Some(74));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a directory"),
        "{out:?}"
    );
}

/// A table of `n` members, as CSV.
fn members_csv(n: usize) -> String {
    let mut out = String::from("code,name,amount\n");
    for i in 0..n {
        out.push_str(&format!("M{i},Member number {i},{}\n", 1000 + i));
    }
    out
}

/// What `safe ARGS --output-flag FILE` writes when left alone (FILE is
/// put back as it was).
fn written(args: &[&str], output: &std::path::Path) -> Vec<u8> {
    let old = std::fs::read(output).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_safe"))
        .args(args)
        .arg(output)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{args:?}: {status:?}");
    let new = std::fs::read(output).unwrap();
    assert_ne!(new, old);
    std::fs::write(output, &old).unwrap();
    new
}

/// Runs `safe ARGS --output-flag FILE` on a large table, signals it once
/// its temporary file exists, and checks what is left: no temporary file,
/// and the old output or the `new` one whole (a signal that comes after
/// the rename still ends the process with 128 + N, the new file in
/// place). Whether the write was cut short (the old output intact).
fn interrupt(
    t: &Test,
    args: &[&str],
    output: &std::path::Path,
    new: &[u8],
    signal: (&str, i32),
) -> bool {
    let (name, number) = signal;
    let old = std::fs::read(output).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_safe"))
        .args(args)
        .arg(output)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let temp = loop {
        let temp = std::fs::read_dir(t.dir()).unwrap().find_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.ends_with(".tmp").then_some(name)
        });
        let done = child.try_wait().unwrap().is_some();
        if temp.is_some() || done || started.elapsed().as_secs() > 120 {
            break temp;
        }
        std::thread::sleep(std::time::Duration::from_micros(100));
    };
    let killed = std::process::Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    let interrupted = status.code() == Some(128 + number);
    assert!(
        interrupted || status.code() == Some(0),
        "SIG{name}: {status:?} (temporary file {temp:?}, kill {killed:?})"
    );
    let names: Vec<String> = std::fs::read_dir(t.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "SIG{name} left {names:?}");
    let now = std::fs::read(output).unwrap();
    let intact = now == old;
    assert!(
        intact || now == new,
        "SIG{name} ({status:?}): neither the old output nor the new one whole"
    );
    assert!(
        interrupted || !intact,
        "exit 0 with the old output in place"
    );
    std::fs::write(output, &old).unwrap();
    interrupted && temp.is_some() && intact
}

#[test]
fn a_signal_during_a_write_leaves_no_temporary_file() {
    let t = Test::new();
    let data = t.file("big.csv", members_csv(150_000));
    let data = data.to_str().unwrap();
    let signals = [("INT", 2), ("TERM", 15), ("HUP", 1)];
    // The page (a hundred rows of the ranking: written quickly).
    let page = t.file("page.html", "old page");
    let report = ["--data", data, "--ceiling", "1e12", "report", "--output"];
    let new_page = written(&report, &page);
    for signal in signals {
        interrupt(&t, &report, &page, &new_page, signal);
    }
    // The chart of every member (tens of megabytes): the signal comes while
    // it is written.
    let chart = t.file("chart.svg", "old chart");
    let svg = ["--data", data, "--ceiling", "1e12", "chart", "--svg"];
    let new_chart = written(&svg, &chart);
    for signal in signals {
        // Three tries, so that a machine too slow to send the signal in
        // time cannot fail the test; one cut short is the point.
        let cut = (0..3)
            .filter(|_| interrupt(&t, &svg, &chart, &new_chart, signal))
            .count();
        assert!(
            cut >= 1,
            "SIG{}: no write of the chart was cut short once its temporary file existed",
            signal.0
        );
    }
}
