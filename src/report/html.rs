//! The review as one HTML file a client can open offline or print: headline
//! cards, the service map, bars by site, touchpoint and tag, the month trend,
//! and the most-missed items with what auditors wrote about them.

use std::io::{self, Write};

use maud::{Markup, html};

use super::page::{MapDot, QuarterNames, bar_table, card, page_headed, service_map, text, trend};
use super::{CellRow, NOTED_ITEMS, Quarter, Report, day_label, month_label};
use crate::i18n::{tag_name, touchpoint_name};
use crate::score::round1;

/// A percentage as shown: rounded once, half away from zero; `—` for none;
/// as the page writes it, in the language's decimal mark
/// (`72,7 %` in Russian), as its charts (report::page) and the debrief do.
fn percent_text(p: Option<f64>) -> String {
    crate::i18n::local_decimals(&crate::score::percent_text(p.map(round1)))
}
use crate::tr;

/// The review page of `report`.
pub fn review(report: &Report) -> String {
    let line = report.line;
    let title = report.title();
    let body = html! {
        h1 { (title) }
        @if report.visits == 0 && report.visit_list.is_empty() {
            p.none { (tr!("report-no-visits")) }
        } @else {
            p.sub { (period(report)) }
            (cards(report))
            h2 { (tr!("report-critical")) }
            (critical(report))
            (map(report))
            h2 { (tr!("report-by-site")) }
            (sites(report))
            h2 { (tr!("report-by-site-touchpoint")) }
            p.sub { (tr!("report-where-lead")) }
            (cells(&report.by_site_touchpoint, &tr!("doc-touchpoint"), touchpoint_name))
            h2 { (tr!("report-by-site-month")) }
            p.sub { (tr!("report-where-lead")) }
            (cells(&report.by_site_month, &tr!("doc-month"), month_label))
            h2 { (tr!("report-by-touchpoint")) }
            (bar_table(&tr!("doc-touchpoint"), &rows(&report.by_touchpoint, touchpoint_name), line))
            h2 { (tr!("report-by-tag")) }
            @if report.by_tag.is_empty() { p.none { (tr!("report-no-tags")) } }
            @else { (bar_table(&tr!("doc-tag"), &rows(&report.by_tag, tag_name), line)) }
            h2 { (tr!("report-by-month")) }
            figure {
                (trend(&report.by_month.iter().map(|g| (month_label(&g.name), g.score)).collect::<Vec<_>>()))
                figcaption { (tr!("report-month-caption")) }
            }
            (bar_table(&tr!("doc-month"), &rows(&report.by_month, month_label), line))
            h2 { (tr!("report-items")) }
            (items(report))
            h2 { (tr!("report-visits")) }
            (visits(report))
        }
    };
    let header = tr!(
        "report-print-header",
        title = crate::text::escaped_line(&title),
        period = period(report)
    );
    page_headed(&title, &header, body)
}

/// Writes the review page.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(review(report).as_bytes())
}

/// Rows of a bar table, each group by the name a reader knows it by.
fn rows(
    groups: &[super::GroupRow],
    name: fn(&str) -> String,
) -> Vec<(String, Option<usize>, Option<f64>)> {
    groups
        .iter()
        .map(|g| (name(&g.name), Some(g.visits), g.score))
        .collect()
}

fn period(report: &Report) -> String {
    let period = tr!(
        "report-period",
        visits = report.visits,
        sites = report.by_site.len()
    );
    match (report.by_month.first(), report.by_month.last()) {
        (Some(a), Some(b)) if a.name != b.name => tr!(
            "report-period-months",
            period = period,
            from = month_label(&a.name),
            to = month_label(&b.name)
        ),
        (Some(a), _) => tr!(
            "report-period-month",
            period = period,
            month = month_label(&a.name)
        ),
        _ => period,
    }
}

fn cards(report: &Report) -> Markup {
    html! {
        div.cards {
            (card(&tr!("doc-score"), &percent_text(report.score), false))
            (card(&tr!("doc-standards"), &percent_text(report.standards), false))
            (card(&tr!("doc-personal-touch"), &percent_text(report.personal_touch), false))
            (card(&tr!("report-card-critical"),
                &tr!("doc-of", count = report.critical_failures, total = report.visits),
                report.critical_failures > 0))
            (card(&tr!("report-card-exceeded"), &format!("▲ {}", report.exceeded), false))
            (card(&tr!("doc-visits"), &report.visits.to_string(), false))
            @if report.incomplete > 0 {
                (card(&tr!("report-incomplete"), &report.incomplete.to_string(), true))
            }
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
                visits: s.visits,
                failed: s.critical_failures,
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
        h2 { (tr!("report-map")) }
        p.sub {
            (tr!("report-map-explain", line = crate::record::format_number(line))) " "
            strong { (Quarter::ServiceFriendship.name()) } " " (tr!("report-map-both-high")) ", "
            strong { (Quarter::ServiceService.name()) } " " (tr!("report-map-impersonal")) ", "
            strong { (Quarter::WarmButSloppy.name()) } (tr!("report-map-and")) " "
            strong { (Quarter::Failing.name()) } "."
        }
        @if placed.is_empty() {
            p.none { (tr!("report-map-none")) }
        } @else {
            figure {
                (service_map(&placed, line, &QuarterNames {
                    service_friendship: Quarter::ServiceFriendship.name(),
                    service_service: Quarter::ServiceService.name(),
                    warm_but_sloppy: Quarter::WarmButSloppy.name(),
                    failing: Quarter::Failing.name(),
                }))
                figcaption { (tr!("report-map-red")) }
            }
            div.table { table {
                thead { tr {
                    th.n { "#" } th { (tr!("doc-site")) } th.n { (tr!("doc-standards")) }
                    th.n { (tr!("doc-personal-touch")) } th { (tr!("report-col-quarter")) }
                } }
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
            p.none { (tr!("report-map-unplaced",
                sites = unplaced.iter().map(|s| text(s)).collect::<Vec<_>>().join(", "))) }
        }
    }
}

fn sites(report: &Report) -> Markup {
    let line = report.line;
    html! {
        div.table { table {
            thead { tr {
                th { (tr!("doc-site")) } th.n { (tr!("doc-visits")) } th.n { (tr!("doc-score")) }
                th.n { (tr!("doc-standards")) } th.n { (tr!("doc-personal-touch")) }
                th.n { (tr!("report-col-failed")) } th.n { "▲" }
                th.hide-narrow { (tr!("doc-chart")) }
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
                        td.n { (s.exceeded) }
                        td.bar.hide-narrow { (super::page::bar(s.score, line)) }
                    }
                }
            }
        } }
    }
}

fn items(report: &Report) -> Markup {
    let missed: Vec<_> = report.items.iter().filter(|i| i.missed > 0).collect();
    let quoted = super::text::quoted_notes(report);
    html! {
        @if missed.is_empty() {
            p.none { (tr!("report-no-misses")) }
        } @else {
            p.sub { (tr!("report-items-explain", count = NOTED_ITEMS.min(missed.len()))) }
            div.table { table {
                thead { tr {
                    th { (tr!("doc-item")) } th.n { (tr!("report-col-missed")) }
                    th.n { (tr!("report-col-rate")) }
                } }
                tbody {
                    @for (rank, i) in missed.iter().take(25).enumerate() {
                        tr.miss {
                            td.wrap {
                                (text(&i.prompt)) br;
                                span.tag { (text(&i.checklist)) "/" (text(&i.item)) }
                                @if !i.sites.is_empty() {
                                    br; span.tag { (tr!("report-col-sites")) ": " (text(&i.sites.join(", "))) }
                                }
                                @if rank < NOTED_ITEMS {
                                    @for n in quoted.iter().filter(|n| n.checklist == i.checklist && n.item == i.item) {
                                        blockquote {
                                            (text(&n.note))
                                            br;
                                            span.tag { (text(&n.site)) ", " (day_label(&n.date)) }
                                        }
                                    }
                                }
                            }
                            td.n { (tr!("doc-of", count = i.missed, total = i.answered)) }
                            td.n { (crate::i18n::local_decimals(&format!("{:.1}%", i.miss_rate))) }
                        }
                    }
                }
            } }
        }
    }
}

/// Every critical failure by name, newest first, with the auditor's words.
fn critical(report: &Report) -> Markup {
    html! {
        @if report.critical.is_empty() {
            p.none { (tr!("report-critical-none")) }
        } @else {
            div.table { table {
                thead { tr {
                    th { (tr!("doc-started")) } th { (tr!("doc-site")) } th { (tr!("doc-item")) }
                    th { (tr!("report-col-note")) } th.hide-narrow { (tr!("report-col-visit")) }
                } }
                tbody {
                    @for c in &report.critical {
                        tr.fail.critical {
                            td { (c.started.get(..10).map(day_label).unwrap_or_default()) }
                            td.wrap { (text(&c.site)) }
                            td.wrap { "✗ " (text(&c.prompt)) br; span.tag { (text(&c.checklist)) "/" (text(&c.item)) } }
                            td.wrap { @if !c.note.is_empty() { blockquote { (text(&c.note)) } } }
                            td.wrap.hide-narrow { span.tag { (text(&c.visit)) } }
                        }
                    }
                }
            } }
        }
    }
}

/// A site × touchpoint or site × month table beside the chain's mean.
fn cells(rows: &[CellRow], heading: &str, name: fn(&str) -> String) -> Markup {
    html! {
        div.table { table {
            thead { tr {
                th { (tr!("doc-site")) } th { (heading) } th.n { (tr!("doc-visits")) }
                th.n { (tr!("doc-score")) } th.n { (tr!("report-col-chain")) }
            } }
            tbody {
                @for c in rows {
                    tr {
                        td.wrap { (text(&c.site)) }
                        td { (text(&name(&c.name))) }
                        td.n { (c.visits) }
                        td.n { (percent_text(c.score)) }
                        td.n { (percent_text(c.chain)) }
                    }
                }
            }
        } }
    }
}

/// The visits, newest first, the incomplete ones marked.
fn visits(report: &Report) -> Markup {
    html! {
        @if report.incomplete > 0 {
            p.sub { (tr!("report-incomplete-lead", count = report.incomplete,
                bar = crate::record::format_number(report.min_coverage))) }
        }
        div.table { table {
            thead { tr {
                th { (tr!("doc-started")) } th { (tr!("doc-site")) } th { (tr!("doc-auditor")) }
                th.n { (tr!("report-col-coverage")) } th.n { (tr!("doc-score")) }
                th.n { (tr!("doc-standards")) } th.n { (tr!("doc-personal-touch")) }
                th.n { "▲" } th.n { (tr!("report-col-failed")) } th.n { (tr!("report-col-flags")) }
                th { (tr!("report-col-signed")) }
                th { (tr!("report-col-visit")) }
            } }
            tbody {
                @for row in &report.visit_list {
                    @let v = &row.figures;
                    tr.fail[v.failed()].incomplete[row.incomplete] {
                        td { (day_label(&v.date)) }
                        td.wrap { (text(&v.site)) }
                        td.wrap { (text(&v.auditor)) }
                        td.n { (v.answered) "/" (v.shown) " " (percent_text(v.coverage())) }
                        td.n { (percent_text(v.percent)) }
                        td.n { (percent_text(v.standards)) }
                        td.n { (percent_text(v.personal_touch)) }
                        td.n { (v.exceeded) }
                        td.n { (v.critical_failures.len()) }
                        td.n { (v.flags.len()) }
                        td { (super::text::signed_word(v.signed)) }
                        td.wrap {
                            span.tag { (text(&v.id)) }
                            @if row.incomplete { " " strong { (tr!("report-incomplete-mark")) } }
                        }
                    }
                }
            }
        } }
    }
}
