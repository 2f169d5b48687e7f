//! The review as one HTML file a client can open offline or print: headline
//! cards, the service map, bars by site, touchpoint and tag, the month trend,
//! and the most-missed items with what auditors wrote about them.

use std::io::{self, Write};

use maud::{Markup, html};

use super::words as w;
use super::{NOTED_ITEMS, Quarter, Report};
use crate::html::{MapDot, bar_table, card, page, service_map, text, trend};
use crate::score::percent_text;

/// The review page of `report`.
pub fn review(report: &Report) -> String {
    let line = report.line;
    let body = html! {
        h1 { (w::TITLE) }
        @if report.visits == 0 {
            p.none { (w::NO_VISITS) }
        } @else {
            p.sub { (period(report)) }
            (cards(report))
            (map(report))
            h2 { (w::BY_SITE) }
            (sites(report))
            h2 { (w::BY_TOUCHPOINT) }
            (bar_table("Touchpoint", &rows(&report.by_touchpoint), line))
            h2 { (w::BY_TAG) }
            @if report.by_tag.is_empty() { p.none { "No item of these visits carries a tag." } }
            @else { (bar_table("Tag", &rows(&report.by_tag), line)) }
            h2 { (w::BY_MONTH) }
            figure {
                (trend(&report.by_month.iter().map(|g| (g.name.clone(), g.score)).collect::<Vec<_>>()))
                figcaption { "Mean score of the visits started each month." }
            }
            (bar_table("Month", &rows(&report.by_month), line))
            h2 { (w::ITEMS) }
            (items(report))
        }
    };
    page(w::TITLE, "en", body)
}

/// Writes the review page.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(review(report).as_bytes())
}

fn rows(groups: &[super::GroupRow]) -> Vec<(String, Option<usize>, Option<f64>)> {
    groups
        .iter()
        .map(|g| (g.name.clone(), Some(g.visits), g.score))
        .collect()
}

fn period(report: &Report) -> String {
    let sites = report.by_site.len();
    let months = match (report.by_month.first(), report.by_month.last()) {
        (Some(a), Some(b)) if a.name != b.name => format!(", {} to {}", a.name, b.name),
        (Some(a), _) => format!(", {}", a.name),
        _ => String::new(),
    };
    format!(
        "{} visit{} at {} site{}{months}",
        report.visits,
        if report.visits == 1 { "" } else { "s" },
        sites,
        if sites == 1 { "" } else { "s" }
    )
}

fn cards(report: &Report) -> Markup {
    html! {
        div.cards {
            (card(w::SCORE, &percent_text(report.score), false))
            (card(w::STANDARDS, &percent_text(report.standards), false))
            (card(w::PERSONAL_TOUCH, &percent_text(report.personal_touch), false))
            (card(&format!("{} (visits)", w::CRITICAL),
                &format!("{} of {}", report.critical_failures, report.visits),
                report.critical_failures > 0))
            (card(&format!("{} (answers)", w::EXCEEDED), &format!("▲ {}", report.exceeded), false))
            (card(w::VISITS, &report.visits.to_string(), false))
        }
    }
}

fn map(report: &Report) -> Markup {
    let line = report.line;
    let placed: Vec<MapDot> = report
        .by_site
        .iter()
        .filter_map(|s| {
            Some(MapDot {
                n: 0,
                site: s.site.clone(),
                standards: s.standards?,
                personal_touch: s.personal_touch?,
                failed: s.critical_failures > 0,
            })
        })
        .enumerate()
        .map(|(n, d)| MapDot { n: n + 1, ..d })
        .collect();
    let unplaced: Vec<&str> = report
        .by_site
        .iter()
        .filter(|s| s.quarter(line).is_none())
        .map(|s| s.site.as_str())
        .collect();
    html! {
        h2 { (w::MAP) }
        p.sub {
            "Each site by its standards (across) and personal touch (up). High is "
            (crate::record::format_number(line)) "% and above: "
            strong { "service–friendship" } " (both high), "
            strong { "service–service" } " (flawless but impersonal), "
            strong { "warm but sloppy" } ", and " strong { "failing" } "."
        }
        @if placed.is_empty() {
            p.none { "No site has both a standards and a personal-touch score to place." }
        } @else {
            figure {
                (service_map(&placed, line))
                figcaption { "Red dots: a site with a visit failed on a critical item." }
            }
            div.table { table {
                thead { tr { th.n { "#" } th { "Site" } th.n { "Standards" } th.n { "Personal touch" } th { "Quarter" } } }
                tbody {
                    @for d in &placed {
                        tr {
                            td.n { (d.n) }
                            td.wrap { (text(&d.site)) }
                            td.n { (percent_text(Some(d.standards))) }
                            td.n { (percent_text(Some(d.personal_touch))) }
                            td { (Quarter::of(d.standards, d.personal_touch, line).name()) }
                        }
                    }
                }
            } }
        }
        @if !unplaced.is_empty() {
            p.none { "Not placed (no standards or no personal-touch score): "
                (unplaced.iter().map(|s| text(s)).collect::<Vec<_>>().join(", ")) }
        }
    }
}

fn sites(report: &Report) -> Markup {
    let line = report.line;
    html! {
        div.table { table {
            thead { tr {
                th { "Site" } th.n { "Visits" } th.n { "Score" }
                th.n { "Standards" } th.n { "Personal touch" } th.n { "Failed" }
                th.hide-narrow { "Chart" }
            } }
            tbody {
                @for s in &report.by_site {
                    tr.fail[s.critical_failures > 0] {
                        td.wrap { (text(&s.site)) }
                        td.n { (s.visits) }
                        td.n { (percent_text(s.score)) }
                        td.n { (percent_text(s.standards)) }
                        td.n { (percent_text(s.personal_touch)) }
                        td.n { (s.critical_failures) }
                        td.bar.hide-narrow { (crate::html::bar(s.score, line)) }
                    }
                }
            }
        } }
    }
}

fn items(report: &Report) -> Markup {
    let missed: Vec<_> = report.items.iter().filter(|i| i.missed > 0).collect();
    html! {
        @if missed.is_empty() {
            p.none { "No scored item was missed." }
        } @else {
            p.sub { "Items answered with a zero score, by miss rate; the notes auditors wrote on the misses of the "
                (NOTED_ITEMS.min(missed.len())) " missed most are quoted under them." }
            div.table { table {
                thead { tr { th { "Item" } th.n { "Missed" } th.n { "Rate" } } }
                tbody {
                    @for (rank, i) in missed.iter().take(25).enumerate() {
                        tr.miss {
                            td.wrap {
                                (text(&i.prompt)) br;
                                span.tag { (text(&i.checklist)) "/" (text(&i.item)) }
                                @if rank < NOTED_ITEMS {
                                    @for n in report.notes.iter().filter(|n| n.checklist == i.checklist && n.item == i.item) {
                                        blockquote {
                                            (text(&n.note))
                                            br;
                                            span.tag { (text(&n.site)) ", " (n.date) }
                                        }
                                    }
                                }
                            }
                            td.n { (i.missed) " of " (i.answered) }
                            td.n { (format!("{:.1}%", i.miss_rate)) }
                        }
                    }
                }
            } }
        }
    }
}
