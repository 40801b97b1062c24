//! Tests of `safe report`: the HTML page parsed, and rendered and audited in Chromium.

use crate::support::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `43734100805` as the page prints it: `43,734,100,805`.
fn grouped(amount: &str) -> String {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac.is_empty() {
        out
    } else {
        format!("{out}.{frac}")
    }
}

/// The page for `args` (before `report`), parsed by an HTML5 parser that
/// must report no error.
fn page(args: &[&str]) -> (String, scraper::Html) {
    let t = Test::new();
    let out = t.dir().join("page.html");
    let run = t
        .args(args)
        .args(["report", "--output", out.to_str().unwrap()])
        .run()
        .ok();
    assert!(run.stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    (html, doc)
}

fn cells(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect()
}

fn ranking(args: &[&str]) -> Vec<(String, String)> {
    let json = Test::new()
        .args(args)
        .args(["rank", "--json"])
        .run()
        .ok()
        .json();
    json["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (text(&m["code"]), grouped(&text(&m["amount"]))))
        .collect()
}

#[test]
fn the_page_holds_every_member_and_the_exact_total() {
    for (args, total, first) in [
        (vec![], "149,933,700,000", "43,700,000,000"),
        (
            vec!["--edition", "council-2026-02"],
            "149,656,930,258",
            "43,734,100,805",
        ),
    ] {
        let (html, doc) = page(&args);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        let rows = cells(&doc, "#ranking tbody tr");
        assert_eq!(rows.len(), 19);
        for ((code, amount), row) in ranking(&args).iter().zip(&rows) {
            assert!(
                row.contains(code.as_str()) && row.contains(amount.as_str()),
                "{code} {amount}: {row}"
            );
        }
        let headline = cells(&doc, "#headline .value").join(" ");
        assert!(headline.contains(&format!("€{total}")), "{headline}");
        assert!(html.contains(first));
        // Accessible: table headers with scope, a caption per table, the
        // chart titled and described.
        assert_eq!(
            cells(&doc, "table").len(),
            cells(&doc, "table > caption").len()
        );
        assert!(!cells(&doc, "th[scope=col]").is_empty());
        assert_eq!(cells(&doc, "figure svg > title").len(), 1);
        assert_eq!(cells(&doc, "figure svg > desc").len(), 1);
        assert_eq!(cells(&doc, "figure svg rect.bar").len(), 19);
        // Self-contained: nothing is loaded from anywhere.
        for outside in ["src=", "href=", "url(", "@import", "<link", "<script"] {
            assert!(!html.contains(outside), "{outside} in the page");
        }
    }
    let (_, council) = page(&["--edition", "council-2026-02"]);
    let changes = cells(&council, "#changes tbody tr").join("\n");
    assert!(changes.contains("+34,100,805"), "{changes}");
    assert!(
        cells(&council, "#ranking td")
            .iter()
            .any(|c| c == "approved*")
    );
}

#[test]
fn text_from_the_table_shows_as_text() {
    let data = table(
        "1000",
        &[
            ("AA", "<img src=x onerror=alert(1)>", "10"),
            ("BB", "</table><script>alert(1)</script>", "5"),
        ],
    );
    let t = Test::new();
    let out = t.dir().join("page.html");
    let run = t
        .data(&data)
        .args(["report", "--output", out.to_str().unwrap()])
        .run()
        .code(0);
    drop(run.stdout);
    let html = std::fs::read_to_string(&out).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert!(cells(&doc, "img").is_empty() && cells(&doc, "script").is_empty());
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        cells(&doc, "#ranking td")
            .iter()
            .any(|c| c == "<img src=x onerror=alert(1)>")
    );
}

#[test]
fn report_writes_html_only_and_to_stdout_without_output() {
    let run = Test::new().args(["report"]).run().ok();
    assert!(run.stdout.starts_with("<!DOCTYPE html>"));
    Test::new()
        .args(["report", "--json"])
        .run()
        .fails(2, "`safe report` writes HTML");
}

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

fn browser(chrome: &Path, profile: &Path, extra: &[String], page: &Path) -> std::process::Output {
    std::process::Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium")
}

/// How many pixels differ from the first one: a blank page has none.
fn inked_pixels(png_path: &Path) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..info.buffer_size()];
    let step = info.color_type.samples();
    let first = &bytes[..step];
    bytes.chunks(step).filter(|px| *px != first).count()
}

#[test]
fn chromium_renders_the_figures() {
    let Some(chrome) = chromium() else {
        // Written past the test harness's capture, so that it is seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: chromium_renders_the_figures needs Debian's chromium (bash .ci/run installs it)"
        );
        return;
    };
    for args in [vec![], vec!["--edition", "council-2026-02"]] {
        let t = Test::new();
        let html = t.dir().join("page.html");
        let dir = t.dir().to_path_buf();
        let _run = t
            .args(&args)
            .args(["report", "--output", html.to_str().unwrap()])
            .run()
            .ok();
        let dom = browser(
            &chrome,
            &dir.join("profile"),
            &["--dump-dom".to_string()],
            &html,
        );
        assert!(dom.status.success(), "{dom:?}");
        let dom = String::from_utf8_lossy(&dom.stdout);
        let doc = scraper::Html::parse_document(&dom);
        let rows = cells(&doc, "#ranking tbody tr");
        assert_eq!(rows.len(), 19, "the rendered DOM has 19 ranked members");
        for ((code, amount), row) in ranking(&args).iter().zip(&rows) {
            assert!(
                row.contains(code.as_str()) && row.contains(amount.as_str()),
                "{code} {amount}: {row}"
            );
        }
        let total = Test::new()
            .args(&args)
            .args(["total", "--json"])
            .run()
            .ok()
            .json();
        let headline = cells(&doc, "#headline .value").join(" ");
        assert!(
            headline.contains(&grouped(&text(&total["allocated"]))),
            "{headline}"
        );
        for width in [390, 1280] {
            let shot = dir.join(format!("shot-{width}.png"));
            let out = browser(
                &chrome,
                &dir.join(format!("profile-{width}")),
                &[
                    format!("--window-size={width},1600"),
                    format!("--screenshot={}", shot.display()),
                ],
                &html,
            );
            assert!(out.status.success(), "{out:?}");
            let inked = inked_pixels(&shot);
            assert!(
                inked > width * 100,
                "the {width}-pixel screenshot is blank ({inked} pixels inked)"
            );
        }
    }
}
