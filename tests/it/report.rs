//! Tests of `safe report`: the HTML page parsed, and rendered and audited in Chromium.

use crate::support::*;
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
        (
            vec!["--edition", "commission-2025-09"],
            "149,933,700,000",
            "43,700,000,000",
        ),
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
        // Headline figures: compact to read, the stated figure beside,
        // called exact only when its bounds are a point.
        let headline = cells(&doc, "#headline .exact").join(" ");
        assert!(headline.contains(&format!("stated €{total}")), "{headline}");
        assert!(headline.contains("exact €150,000,000,000"), "{headline}");
        for card in cells(&doc, "#headline li") {
            assert!(
                !(card.contains("exact") && card.contains("within rounding")),
                "a figure with a range is called exact: {card}"
            );
        }
        assert!(html.contains(first));
        // Accessible: each table named once (its caption, or its
        // section's heading: no title shown twice), table headers with
        // scope, the chart titled and described, every region that may
        // scroll focusable and labelled.
        assert_eq!(
            cells(&doc, "table").len(),
            cells(&doc, "table > caption").len() + cells(&doc, "table[aria-labelledby]").len()
        );
        for section in ["rules", "ranking", "per-capita", "concentration"] {
            let title = cells(&doc, &format!("#{section}-h")).join("");
            let captions = cells(&doc, &format!("#{section} caption"));
            assert!(!captions.contains(&title), "{section}: {captions:?}");
        }
        assert_eq!(
            cells(&doc, ".scroll").len(),
            cells(&doc, ".scroll[tabindex='0'][role=region][aria-label]").len()
        );
        assert!(!cells(&doc, "th[scope=col]").is_empty());
        assert_eq!(cells(&doc, "figure svg > title").len(), 1);
        assert_eq!(cells(&doc, "figure svg > desc").len(), 1);
        assert_eq!(cells(&doc, "figure svg rect.bar").len(), 19);
        // Self-contained: nothing is loaded from anywhere (the icon is a
        // data URI, the hatching a pattern of the chart's own); the only
        // addresses outside are links a reader follows.
        let own = html
            .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
            .replace("xmlns='http://www.w3.org/2000/svg'", "");
        for outside in ["src=", "url(http", "@import", "<script", "http:"] {
            assert!(!own.contains(outside), "{outside} in the page");
        }
        let hrefs = html.matches("href=").count();
        let links = html.matches("<a href=").count() + html.matches("<a download=").count();
        assert_eq!(hrefs, links + 1, "only links and the icon have an address");
        assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"));
        // The heading is the edition's title; the footnote speaks to a
        // reader, not a shell.
        let h1 = cells(&doc, "h1").join("");
        assert!(
            !h1.contains("commission-2025-09") && !h1.contains("council-2026-02"),
            "{h1}"
        );
        assert!(
            !html.contains('`') && !html.contains("safe show"),
            "command lines on the page"
        );
    }
    let (_, council) = page(&["--edition", "council-2026-02"]);
    // Only the changes beyond rounding: EE's cut, not PL's 34,100,805
    // (within what 43.7bn's rounding explains).
    let changes = cells(&council, "#changes tbody tr").join("\n");
    assert!(changes.contains("\u{2212}316,103,000"), "{changes}");
    assert!(!changes.contains("34,100,805"), "{changes}");
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

/// Debian's Chromium (`.ci/run` installs it).
fn chromium() -> PathBuf {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("Debian's chromium: bash .ci/run installs it")
}

/// axe-core's script from the npm registry (`.ci/run` installs it under
/// target/axe, or SAFE_AXE names it).
fn axe() -> String {
    let path = std::env::var("SAFE_AXE").unwrap_or_else(|_| {
        format!(
            "{}/target/axe/node_modules/axe-core/axe.min.js",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core at {path} ({e}): bash .ci/run installs it"))
}

fn browser(profile: &Path, extra: &[String], page: &Path) -> std::process::Output {
    std::process::Command::new(chromium())
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

/// What the page looks like in Chromium at a width, light or dark: the
/// layout measured by a script added to a copy of the page (the page
/// itself has none), and axe-core's audit when `audit`.
const MEASURE: &str = r#"
(async () => {
  const r = { dark: matchMedia('(prefers-color-scheme: dark)').matches,
    width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
    unfocusable: [], outside: [], ranked: 0, small: [], outsideChart: [], texts: 0,
    broken: [], narrow: [], chartHeight: 0 };
  // Every run of non-space characters on one line; no text set in a
  // column narrower than 30 px.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const host = node.parentElement;
    if (!host || host.closest('svg, script, style, title')) continue;
    const re = /\S+/g;
    let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(b => b.width > 0);
      if (rects.length == 0) continue;
      const tops = new Set(rects.map(b => Math.round(b.top)));
      if (tops.size > 1) r.broken.push(m[0] + ' in ' + host.tagName);
      if (m[0].length > 2) {
        // The column it is set in: its block, not an inline link.
        const block = host.closest('td, th, caption, p, li, dd, dt, div, h1, h2, figcaption') || host;
        const box = block.getBoundingClientRect();
        if (box.width > 0 && box.width < 30) r.narrow.push(m[0] + ' in a ' + host.tagName + ' ' + box.width.toFixed(1) + 'px wide');
      }
    }
  }
  const figure = document.querySelector('#chart svg');
  if (figure) r.chartHeight = figure.getBoundingClientRect().height;
  for (const e of document.querySelectorAll('body *')) {
    const s = getComputedStyle(e);
    if ((s.overflowX == 'auto' || s.overflowX == 'scroll') && e.scrollWidth > e.clientWidth
        && !e.hasAttribute('tabindex')) r.unfocusable.push(e.outerHTML.slice(0, 80));
  }
  for (const tr of document.querySelectorAll('#ranking tbody tr')) {
    r.ranked++;
    for (const td of tr.querySelectorAll('td')) {
      const label = td.dataset.label || '';
      if (label.startsWith('amount') || label.startsWith('share')) {
        const b = td.getBoundingClientRect();
        if (b.width == 0 || b.left < 0 || b.right > innerWidth + 0.5)
          r.outside.push(label + ': ' + tr.textContent);
      }
    }
  }
  for (const svg of document.querySelectorAll('svg')) {
    const box = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;
    for (const t of svg.querySelectorAll('text')) {
      r.texts++;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < 11) r.small.push(t.textContent + ' at ' + size.toFixed(2) + 'px');
      const b = t.getBoundingClientRect();
      if (b.left < box.left - 0.5 || b.right > box.right + 0.5 || b.top < box.top - 0.5
          || b.bottom > box.bottom + 0.5) r.outsideChart.push(t.textContent);
    }
  }
  if (window.axe) {
    const res = await axe.run(document, { resultTypes: ['violations'] });
    r.violations = res.violations.map(v => v.id + ' (' + v.impact + '): '
      + v.nodes.map(n => n.target.join(' ')).join(', '));
  }
  const out = parent.document.createElement('pre');
  out.id = 'safe-measured';
  out.textContent = JSON.stringify(r);
  parent.document.body.appendChild(out);
})();
"#;

/// Measures `html` (a page, or an SVG wrapped in one) in Chromium, in a
/// frame `width` CSS pixels wide (a headless window is never narrower
/// than 500): the frame's document is the page with the script added,
/// and reports to the frame's parent, whose DOM Chromium dumps.
fn measure(html: &str, dir: &Path, width: u32, dark: bool, audit: bool) -> serde_json::Value {
    measure_as(html, dir, width, dark, audit, false)
}

/// [`measure`], with the page's print styles applied (`print`) as they are
/// on paper.
fn measure_as(
    html: &str,
    dir: &Path,
    width: u32,
    dark: bool,
    audit: bool,
    print: bool,
) -> serde_json::Value {
    let printed;
    let html = if print {
        printed = html.replace("@media print {", "@media all {");
        printed.as_str()
    } else {
        html
    };
    let axe = if audit {
        format!("<script>{}</script>", axe())
    } else {
        String::new()
    };
    let body_end = html.rfind("</body>").expect("a page");
    let copy = format!(
        "{}{axe}<script>{MEASURE}</script>{}",
        &html[..body_end],
        &html[body_end..]
    );
    let srcdoc = copy.replace('&', "&amp;").replace('"', "&quot;");
    let host = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>measure</title></head>\
<body style=\"margin:0\"><iframe title=\"page\" style=\"border:0;width:{width}px;height:900px\" \
srcdoc=\"{srcdoc}\"></iframe></body></html>"
    );
    let page = dir.join(format!("measure-{width}-{dark}-{print}.html"));
    std::fs::write(&page, host).unwrap();
    let mut flags = vec![
        format!("--window-size={},1000", width.max(500) + 40),
        "--virtual-time-budget=30000".to_string(),
        "--dump-dom".to_string(),
    ];
    if dark {
        flags.push("--blink-settings=preferredColorScheme=0".to_string());
    }
    let out = browser(
        &dir.join(format!("profile-{width}-{dark}-{print}")),
        &flags,
        &page,
    );
    assert!(out.status.success(), "{out:?}");
    let dom = String::from_utf8_lossy(&out.stdout);
    let doc = scraper::Html::parse_document(&dom);
    let measured = cells(&doc, "#safe-measured").join("");
    let r: serde_json::Value = serde_json::from_str(&measured).unwrap_or_else(|e| {
        panic!(
            "no measurement ({e}): {}",
            &dom[dom.len().saturating_sub(2000)..]
        )
    });
    assert_eq!(r["dark"], dark, "{r}");
    assert_eq!(r["width"], width, "{r}");
    r
}

/// The page as a reader gets it, for `args` (before `report`).
fn page_html(args: &[&str]) -> String {
    Test::new().args(args).args(["report"]).run().ok().stdout
}

#[test]
#[ignore = "needs Debian's chromium: bash .ci/run installs it and runs the ignored tests"]
fn the_page_never_breaks_a_word_at_any_width_or_in_print() {
    let t = Test::new();
    for edition in ["council-2026-04", "commission-2025-09"] {
        let html = page_html(&["--edition", edition]);
        for (width, print) in [
            (320, false),
            (390, false),
            (640, false),
            (768, false),
            (1024, false),
            (1280, false),
            (1920, false),
            (700, true),
        ] {
            let r = measure_as(&html, t.dir(), width, false, false, print);
            let at = format!(
                "{edition} at {width}px{}",
                if print { ", print" } else { "" }
            );
            assert_eq!(
                r["broken"],
                serde_json::json!([]),
                "{at}: words broken across lines"
            );
            assert_eq!(
                r["narrow"],
                serde_json::json!([]),
                "{at}: text in a column under 30px"
            );
            assert!(
                r["scrollWidth"].as_u64() <= r["width"].as_u64(),
                "{at}: the page scrolls sideways: {r}"
            );
            if width == 1280 {
                // The whole chart fits a laptop's screen.
                assert!(r["chartHeight"].as_f64() < Some(760.0), "{at}: {r}");
            }
        }
    }
}

#[test]
#[ignore = "needs Debian's chromium and axe-core: bash .ci/run installs them and runs the ignored tests"]
fn the_page_reads_on_a_phone_and_a_desktop_light_and_dark() {
    let t = Test::new();
    for args in [vec![], vec!["--edition", "council-2026-02"]] {
        let html = page_html(&args);
        for width in [390, 768, 1280] {
            for dark in [false, true] {
                let r = measure(&html, t.dir(), width, dark, true);
                let at = format!("{args:?} at {width}px, dark {dark}");
                assert!(
                    r["scrollWidth"].as_u64() <= r["width"].as_u64(),
                    "{at}: the page scrolls sideways: {r}"
                );
                assert_eq!(r["unfocusable"], serde_json::json!([]), "{at}");
                assert_eq!(r["ranked"], 19, "{at}");
                assert_eq!(
                    r["outside"],
                    serde_json::json!([]),
                    "{at}: figures off-screen"
                );
                assert!(r["texts"].as_u64() > Some(40), "{at}: {r}");
                assert_eq!(
                    r["small"],
                    serde_json::json!([]),
                    "{at}: chart text under 11px"
                );
                assert_eq!(
                    r["outsideChart"],
                    serde_json::json!([]),
                    "{at}: chart text outside its box"
                );
                assert_eq!(r["violations"], serde_json::json!([]), "{at}: axe-core");
            }
        }
    }
}

#[test]
#[ignore = "needs Debian's chromium: bash .ci/run installs it and runs the ignored tests"]
fn the_svg_chart_keeps_its_text_inside_and_readable() {
    let t = Test::new();
    for args in [
        vec!["--edition", "council-2026-02", "chart"],
        vec!["chart", "--by", "per-capita"],
        vec!["chart", "--by", "share"],
    ] {
        let svg = Test::new()
            .args(&args)
            .args(["--svg", "-"])
            .run()
            .ok()
            .stdout;
        let svg = svg.split_once("?>\n").map_or(svg.as_str(), |(_, s)| s);
        // At its own size, as a browser shows the file.
        let html = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">{svg}</body></html>"
        );
        let r = measure(&html, t.dir(), 1280, false, false);
        assert!(r["texts"].as_u64() > Some(40), "{r}");
        assert_eq!(r["small"], serde_json::json!([]), "{args:?}");
        assert_eq!(r["outsideChart"], serde_json::json!([]), "{args:?}");
    }
}

#[test]
#[ignore = "needs Debian's chromium: bash .ci/run installs it and runs the ignored tests"]
fn chromium_renders_the_figures() {
    for args in [vec![], vec!["--edition", "council-2026-02"]] {
        let t = Test::new();
        let html = t.dir().join("page.html");
        let dir = t.dir().to_path_buf();
        let _run = t
            .args(&args)
            .args(["report", "--output", html.to_str().unwrap()])
            .run()
            .ok();
        let dom = browser(&dir.join("profile"), &["--dump-dom".to_string()], &html);
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
        for width in [390, 1280] {
            let shot = dir.join(format!("shot-{width}.png"));
            let out = browser(
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
                inked > width as usize * 100,
                "the {width}-pixel screenshot is blank ({inked} pixels inked)"
            );
        }
    }
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
fn the_svg_chart_marks_what_is_not_confirmed_and_labels_compactly() {
    let args = ["--edition", "council-2026-02", "chart"];
    let json = Test::new().args(args).args(["--json"]).run().ok().json();
    let svg = Test::new()
        .args(args)
        .args(["--svg", "-"])
        .run()
        .ok()
        .stdout;
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let bars: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("rect") && n.attribute("class").is_some_and(|c| c.starts_with("bar "))
        })
        .collect();
    let expected = json["bars"].as_array().unwrap();
    assert_eq!(bars.len(), expected.len());
    for (bar, row) in bars.iter().zip(expected) {
        let unconfirmed = bar.attribute("class").unwrap().contains("unconfirmed");
        let marked = !["council-decision", "unstated"].contains(&row["basis"].as_str().unwrap());
        assert_eq!(unconfirmed, marked, "{row}");
        assert_eq!(bar.attribute("fill") == Some("url(#sc-hatch)"), marked);
        // The exact amount in the bar's title.
        let title = bar.first_element_child().unwrap().text().unwrap();
        assert!(
            title.contains(&format!("€{}", grouped(&text(&row["value"])))),
            "{title}"
        );
    }
    // Value and tick labels: at most four significant figures.
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let label = node.text().unwrap_or("");
        let figure = label.starts_with('€') || label.ends_with('%');
        if figure && !label.contains(' ') {
            let digits = label
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>();
            let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
            assert!(significant <= 4, "{label}");
        }
    }
    // A legend says what hatching and whiskers mean.
    assert!(svg.contains("not confirmed: tentative or reported"));
    assert!(svg.contains("bounds of a rounded figure"));
    assert_eq!(
        doc.descendants()
            .filter(|n| n.attribute("class").is_some_and(|c| c.contains("whisker")))
            .count(),
        6 + 1
    );
    assert!(svg.contains("prefers-color-scheme: dark"));
}

/// The page says where each figure comes from, when and by what it was
/// made, and carries its table as a CSV that reads back.
#[test]
fn the_page_carries_its_sources_and_its_data() {
    let dir = tempfile::TempDir::new().unwrap();
    let out = dir.path().join("page.html");
    Test::new()
        .env("SOURCE_DATE_EPOCH", "1796774400")
        .args(["--edition", "council-2026-04", "report", "--output"])
        .args([out.to_str().unwrap()])
        .run()
        .ok();
    let html = std::fs::read_to_string(&out).unwrap();
    let doc = scraper::Html::parse_document(&html);
    // Provenance: LV's source, PL's decision date, https links only.
    let sources = cells(&doc, "#sources dd").join("\n");
    assert!(sources.contains("mod.gov.lv"), "{sources}");
    let pl = cells(&doc, "#sources dd").into_iter().next().unwrap();
    assert!(pl.contains("decided 2026-02-17"), "{pl}");
    let links: Vec<String> = doc
        .select(&scraper::Selector::parse("a[href^='http']").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("https://eur-lex.europa.eu/")),
        "{links:?}"
    );
    assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
    // When, and by which safe.
    assert!(html.contains("Made on <span class=\"nobr\">2026-12-09</span>"));
    assert!(html.contains(&format!("with safe {}", env!("CARGO_PKG_VERSION"))));
    // The download reads back to the same figures.
    let link = doc
        .select(&scraper::Selector::parse("a[download]").unwrap())
        .next()
        .unwrap();
    let href = link.value().attr("href").unwrap();
    let encoded = href.strip_prefix("data:text/csv;charset=utf-8,").unwrap();
    let mut bytes = Vec::new();
    let mut chars = encoded.bytes();
    while let Some(b) = chars.next() {
        if b == b'%' {
            let hex: String = [chars.next().unwrap(), chars.next().unwrap()]
                .iter()
                .map(|&c| char::from(c))
                .collect();
            bytes.push(u8::from_str_radix(&hex, 16).unwrap());
        } else {
            bytes.push(b);
        }
    }
    let csv = dir.path().join(link.value().attr("download").unwrap());
    std::fs::write(&csv, bytes).unwrap();
    let json = Test::new()
        .args(["--data", csv.to_str().unwrap(), "total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        ["allocated", "allocated_min", "allocated_max"].map(|k| text(&json[k])),
        ["147471930258", "147460930258", "147522930258"]
    );
}

#[test]
#[ignore = "needs Java and the W3C checker (npm's vnu-jar): bash .ci/run installs it and runs the ignored tests"]
fn the_page_is_valid_html() {
    let vnu = format!(
        "{}/target/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
        env!("CARGO_MANIFEST_DIR")
    );
    assert!(Path::new(&vnu).is_file(), "{vnu}: bash .ci/run installs it");
    let t = Test::new();
    for edition in ["council-2026-04", "commission-2025-09"] {
        let page = t.dir().join(format!("{edition}.html"));
        std::fs::write(&page, page_html(&["--edition", edition])).unwrap();
        let out = std::process::Command::new("java")
            .args(["-jar", &vnu, "--errors-only"])
            .arg(&page)
            .output()
            .expect("java runs");
        let errors = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && errors.trim().is_empty(),
            "{edition}: {errors}"
        );
    }
}
