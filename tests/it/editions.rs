//! Tests of `safe editions` and the bundled editions' figures.

use crate::support::*;

#[test]
fn editions_lists_the_bundled_tables() {
    let json = Test::new().args(["editions", "--json"]).run().ok().json();
    let editions = json["editions"].as_array().unwrap();
    let ids: Vec<&str> = editions.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["commission-2025-09", COUNCIL, "council-2026-04"]);
    assert_eq!(editions[0]["default"], false);
    assert_eq!(editions[2]["default"], true);
    assert_eq!(editions[2]["latest"], true);
    assert_eq!(editions[1]["latest"], false);
    assert_eq!(text(&editions[0]["allocated"]), "149933700000");
    assert_eq!(editions[0]["confirmed"], 0);
    assert_eq!(editions[1]["confirmed"], 13);
    assert_eq!(editions[1]["member_count"], 19);
}

#[test]
fn the_default_is_the_newest_edition_and_the_seed_stays_pinnable() {
    // Without --edition or SAFE_EDITION: the newest, for every command.
    for args in [
        vec!["total"],
        vec!["rank"],
        vec!["shares"],
        vec!["stats"],
        vec!["per-capita"],
        vec!["show", "PL"],
        vec!["table"],
        vec!["check"],
    ] {
        let json = Test::new()
            .args(&args)
            .args(["--json"])
            .run()
            .code_in(&[0, 1])
            .json();
        assert_eq!(
            json["table"]["edition"]["id"], "council-2026-04",
            "{args:?}"
        );
    }
    let editions = Test::new().args(["editions", "--json"]).run().ok().json();
    let newest = &editions["editions"][2];
    assert_eq!(
        (&newest["id"], &newest["default"], &newest["latest"]),
        (&"council-2026-04".into(), &true.into(), &true.into())
    );
    // SAFE_EDITION pins the seed for a whole job; --edition wins over it;
    // --data ignores it.
    let json = Test::on(SEED).args(["total", "--json"]).run().ok().json();
    assert_eq!(text(&json["allocated"]), "149933700000");
    assert_eq!(json["confirmed"], 0);
    assert_eq!(json["table"]["edition"]["id"], SEED);
    let json = Test::on(SEED)
        .args(["--edition", COUNCIL, "total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["table"]["edition"]["id"], COUNCIL);
    let json = Test::on(SEED)
        .data(table("100", &[("AA", "A", "50")]))
        .args(["total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "50");
    // Wherever the seed's headroom is shown, the reader learns what
    // rounding leaves it: between a shortfall and the stated figure.
    Test::on(SEED)
        .args(["total"])
        .run()
        .ok()
        .stdout_has("-€2,354,800,000 to €66,300,000")
        .stdout_has("rounding, not money left over");
}

#[test]
fn the_council_edition_has_the_exact_figures() {
    let show = |member: &str| {
        Test::new()
            .args(["--edition", COUNCIL, "show", member, "--json"])
            .run()
            .ok()
            .json()
    };
    let pl = show("PL");
    assert_eq!(text(&pl["amount"]), "43734100805");
    assert_eq!(pl["basis"], "council-decision");
    assert_eq!(pl["confirmed"], true);
    assert_eq!(pl["decided"], "2026-02-17");
    let el = show("EL");
    assert_eq!(text(&el["amount"]), "787669283");
    assert_eq!(text(&el["prefinancing"]), "118150392.45");
    let lv = show("LV");
    assert_eq!(lv["basis"], "approved-unconfirmed");
    assert_eq!(lv["confirmed"], false);
    assert!(lv["note"].as_str().unwrap().contains("about EUR 3.49bn"));
    // "About 3.49bn" is never shown as an exact figure.
    assert_eq!(text(&lv["amount"]), "5680000000");
}

#[test]
fn every_listing_row_says_its_basis() {
    let json = Test::new()
        .args(["--edition", COUNCIL, "rank", "--json"])
        .run()
        .ok()
        .json();
    let rows = json["members"].as_array().unwrap();
    assert_eq!(rows.len(), 19);
    assert!(rows.iter().all(|r| r["basis"].is_string()), "{rows:?}");
    Test::new()
        .args(["--edition", COUNCIL, "rank"])
        .run()
        .ok()
        .stdout_has("decision")
        .stdout_has("approved*")
        .stdout_has("pending*")
        .stdout_has("* not confirmed");
    let csv = Test::new()
        .args(["--edition", COUNCIL, "shares", "--format", "csv"])
        .run()
        .ok();
    let header: Vec<&str> = csv.lines()[0].split(',').collect();
    let basis = header.iter().position(|h| *h == "basis").unwrap();
    assert_eq!(
        csv.lines()[1].split(',').nth(basis),
        Some("council-decision"),
        "{}",
        csv.stdout
    );
    let stats = Test::new()
        .args(["--edition", COUNCIL, "stats", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(stats["confirmed"], 13);
}

#[test]
fn latest_names_the_newest_edition() {
    let json = Test::new()
        .args(["--edition", "latest", "total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(json["table"]["edition"]["id"], "council-2026-04");
}

#[test]
fn safe_edition_in_the_environment_picks_the_default() {
    let json = Test::new()
        .env("SAFE_EDITION", "council-2026-02")
        .args(["total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "149656930258");
    let csv = Test::new()
        .env("SAFE_EDITION", "council-2026-02")
        .args(["editions", "--format", "csv"])
        .run()
        .ok()
        .stdout;
    assert!(csv.contains("\ncouncil-2026-02,true,"), "{csv}");
    assert!(csv.contains("\ncommission-2025-09,false,"), "{csv}");
    // --edition and --data still decide for a command.
    let json = Test::new()
        .env("SAFE_EDITION", "council-2026-02")
        .args(["--edition", "commission-2025-09", "total", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(text(&json["allocated"]), "149933700000");
    Test::new()
        .env("SAFE_EDITION", "nope")
        .args(["total"])
        .run()
        .fails(2, "SAFE_EDITION: no bundled edition \"nope\"");
}

/// Every human view of every command opens by naming its table: the
/// edition's id and as-of date (a diff: both sides), or the file.
#[test]
fn every_view_names_its_table() {
    let editions = [
        ("commission-2025-09", "2025-09-09"),
        ("council-2026-02", "2026-02-17"),
        ("council-2026-04", "2026-04-10"),
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["rank"],
        vec!["shares"],
        vec!["per-capita"],
        vec!["stats"],
        vec!["chart"],
        vec!["show", "PL"],
        vec!["total"],
        vec!["check"],
        vec!["table"],
        vec!["what-if", "--set", "PL=40bn"],
        vec!["diff", "council-2026-02"],
        vec![],
    ];
    let views: [&[&str]; 3] = [&[], &["--width", "40"], &["--format", "markdown"]];
    for (id, as_of) in editions {
        for command in &commands {
            for view in views {
                let run = Test::new()
                    .args(["--edition", id])
                    .args(command)
                    .args(view)
                    .run()
                    .code_in(&[0, 1]);
                // Lines wrap at 40 columns: words, not lines, are compared.
                let words = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
                let first: String = words.chars().take(400).collect();
                assert!(
                    first.contains(id) && first.contains(as_of),
                    "safe --edition {id} {command:?} {view:?} does not open with {id}, {as_of}:\n{}",
                    run.stdout
                );
                if command.first() == Some(&"diff") {
                    assert!(
                        first.contains("council-2026-02") && first.contains("2026-02-17"),
                        "{id} {command:?} {view:?}: the other side is not named"
                    );
                }
                let newest = id == "council-2026-04";
                assert_eq!(
                    first.contains("a newer edition exists"),
                    !newest
                        && command.first() != Some(&"diff")
                        && command.first() != Some(&"what-if"),
                    "{id} {command:?} {view:?}: the newer edition is not pointed to:\n{first}"
                );
            }
        }
        // The page and the chart file too.
        let page = Test::new().args(["--edition", id, "report"]).run().ok();
        assert!(page.stdout.contains(&format!("Table: {id}, as of {as_of}")));
        let svg = Test::new()
            .args(["--edition", id, "chart", "--svg", "-"])
            .run()
            .ok();
        let text = svg.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(id) && text.contains(as_of), "{id}: the SVG");
    }
    // A file is named as given.
    let t = Test::new();
    let mine = t.file("mine.csv", "code,name,amount\nAA,Alpha,10\nBB,Beta,5\n");
    let other = t.file("old.csv", "code,name,amount\nAA,Alpha,12\n");
    for command in &commands {
        let command: Vec<&str> = command
            .iter()
            .map(|w| match *w {
                "PL" => "AA",
                "PL=40bn" => "AA=4",
                "council-2026-02" => other.to_str().unwrap(),
                w => w,
            })
            .collect();
        for view in views {
            let run = Test::new()
                .args(["--data", mine.to_str().unwrap()])
                .args(&command)
                .args(view)
                .run()
                .code_in(&[0, 1]);
            assert!(
                run.stdout.contains("mine.csv"),
                "--data mine.csv {command:?} {view:?}:\n{}",
                run.stdout
            );
        }
    }
}

/// A diff reads forward in time: the older edition is "before" whichever
/// was loaded; files (no dates) read OTHER → loaded, as `git diff REV`.
#[test]
fn diff_reads_forward_in_time() {
    for args in [
        vec!["diff", "commission-2025-09"],
        vec!["--edition", "council-2026-04", "diff", "commission-2025-09"],
        vec!["--edition", "commission-2025-09", "diff", "council-2026-04"],
        vec!["--edition", "commission-2025-09", "diff", "latest"],
    ] {
        let json = Test::new().args(&args).args(["--json"]).run().ok().json();
        assert_eq!(
            json["old"]["edition"]["id"], "commission-2025-09",
            "{args:?}"
        );
        assert_eq!(json["new"]["edition"]["id"], "council-2026-04", "{args:?}");
        let lv = json["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["code"] == "LV")
            .unwrap();
        assert_eq!(text(&lv["change"]), "-2190000000", "{args:?}");
        assert_eq!(lv["status"], "decreased", "{args:?}");
        // Where the dates turned the order round, the view says so.
        let loaded_is_older = args[..2] == ["--edition", "commission-2025-09"];
        assert_eq!(
            json["order"],
            if loaded_is_older { "by_date" } else { "given" }
        );
        let human = Test::new().args(&args).run().ok();
        assert_eq!(
            human.stdout.contains("Read forward in time"),
            loaded_is_older,
            "{args:?}"
        );
    }
    let t = Test::new();
    let a = t.file("a.csv", "code,name,amount\nAA,Alpha,10\n");
    let b = t.file("b.csv", "code,name,amount\nAA,Alpha,12\n");
    let run = Test::new()
        .args(["--data", b.to_str().unwrap(), "diff", a.to_str().unwrap()])
        .args(["--json"])
        .run()
        .ok();
    let json = run.json();
    assert!(text(&json["old"]["origin"]).ends_with("a.csv"));
    assert_eq!(text(&json["members"][0]["change"]), "2");
    let human = Test::new()
        .args(["--data", b.to_str().unwrap(), "diff", a.to_str().unwrap()])
        .run()
        .ok();
    assert!(human.stdout.contains("a.csv → after: "), "{}", human.stdout);
    assert!(human.stdout.contains("Totals: "), "{}", human.stdout);
}
