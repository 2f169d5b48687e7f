//! What the two HTML documents share (the visit debrief and the review): the page around them, its stylesheet, score cards and
//! charts drawn as inline SVG from the numbers.
//!
//! Everything goes through maud, which escapes every spliced string, so a
//! note holding `<script>` is shown as text. A page is one file: no script,
//! no request (a Content-Security-Policy says so to the browser too), no
//! external font; it prints to A4 with table headers repeated on each page.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::text::escaped;
use crate::tr;

/// The stylesheet of both documents: screen, phone and print (A4).
const CSS: &str = r#"
:root { --ink:#1d2430; --muted:#5b6475; --line:#d5dae3; --good:#1f7a4d; --warn:#9a6400;
  --bad:#b3261e; --bar:#3b6fb6; --soft:#f3f5f9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); margin: 0 auto; padding: 24px; max-width: 60rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: break-word; min-width: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .6rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; background: var(--soft); }
.card .v { font-size: 1.6rem; font-weight: 700; display: block; }
.card .k { color: var(--muted); font-size: .85rem; }
.card.fail { border-color: var(--bad); background: #fdeceb; color: var(--bad); }
.card.fail .k { color: var(--bad); }
.banner { border: 2px solid var(--bad); color: var(--bad); background: #fdeceb; border-radius: 8px;
  padding: .6rem .9rem; margin: 1rem 0; }
.banner ul { margin: .3rem 0 0; padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.wrap { overflow-wrap: break-word; min-width: 7rem; }
div.table { overflow-x: auto;
  /* Scroll shadows, no script: a shade at an edge where more of the table
     lies beyond it, gone once scrolled there (the covers move with the content). */
  background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2rem 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) left / .8rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) right / .8rem 100% no-repeat scroll; }
div.table tr.fail td, div.table tr.miss td { background-clip: padding-box; }
table.items { table-layout: fixed; }
th.c-mark { width: 10.5rem; } th.c-answer { width: 9rem; } th.c-points { width: 4.5rem; }
td.bar { width: 30%; }
svg.bar { width: 100%; height: .9rem; display: block; }
svg.bar .track { fill: var(--soft); stroke: var(--line); stroke-width: .3; }
svg.bar .fill { fill: var(--bar); } svg.bar .fill.low { fill: var(--bad); } svg.bar .fill.mid { fill: var(--warn); }
svg.bar .line { stroke: var(--ink); stroke-width: .4; stroke-dasharray: 1 1; }
tr.miss td { background: #fff4f3; } tr.fail td { background: #fdeceb; color: var(--bad); font-weight: 600; }
tr.exceeded td { background: #eef8f2; }
.mark { font-weight: 700; display: inline-block; min-width: 1.6em; white-space: nowrap; }
.markcell { display: flex; gap: .25rem; }
.mark.miss, .mark.fail { color: var(--bad); } .mark.met { color: var(--good); } .mark.exceeded { color: var(--good); }
.note { color: var(--ink); white-space: pre-wrap; overflow-wrap: break-word; font-size: .9rem; }
blockquote { margin: .3rem 0 .6rem; padding: .3rem .8rem; border-left: 3px solid var(--line);
  white-space: pre-wrap; overflow-wrap: break-word; }
.tag { display: inline-block; font-size: .75rem; border: 1px solid var(--line); border-radius: 4px;
  padding: 0 .3rem; margin: 0 .2rem .1rem 0; color: var(--muted); }
ol.timeline { list-style: none; padding: 0; margin: .4rem 0 1rem; border-left: 2px solid var(--line); }
ol.timeline li { position: relative; padding: .15rem 0 .35rem 1rem; }
ol.timeline li::before { content: ""; position: absolute; left: -6px; top: .55rem; width: 10px; height: 10px;
  border-radius: 50%; background: var(--bar); }
ol.timeline li.miss::before, ol.timeline li.fail::before { background: var(--bad); }
ol.timeline time { font-variant-numeric: tabular-nums; color: var(--muted); margin-right: .5rem; }
figure { margin: 1rem 0; } figcaption { color: var(--muted); font-size: .85rem; }
.files figure { margin: .4rem 0; } .files img { display: block; max-width: 100%; max-height: 12cm; border: 1px solid var(--line); }
svg.chart { width: 100%; max-width: 32rem; height: auto; display: block; }
svg.chart text { font: 3.2px system-ui, sans-serif; fill: var(--ink); }
svg.chart .q { font-size: 2.8px; font-weight: 700; fill: var(--muted); }
svg.chart .axis { stroke: var(--ink); stroke-width: .3; }
svg.chart .grid { stroke: var(--line); stroke-width: .2; }
svg.chart .split { stroke: var(--ink); stroke-width: .35; stroke-dasharray: 1.2 1; }
svg.chart .dot { fill: var(--bar); stroke: #fff; stroke-width: .4; }
svg.chart .dot.fail { fill: var(--bad); }
svg.chart .dot.some { fill: var(--warn); }
svg.chart .leader { stroke: var(--ink); stroke-width: .25; }
svg.chart .true-place { fill: var(--ink); }
svg.chart .dot-label { font-size: 2.6px; fill: #fff; font-weight: 700; }
svg.chart .trend { fill: none; stroke: var(--bar); stroke-width: .6; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
.none { color: var(--muted); }
@media (max-width: 40rem) {
  body { padding: 12px; font-size: 14px; }
  td.bar { width: 30%; }
  th.c-mark { width: 2.6rem; } th.c-answer { width: 6.2rem; } th.c-points { width: 3.6rem; }
  th, td { padding: .25rem .3rem; }
  th.n { white-space: normal; }
  table.items td.wrap { min-width: 0; }
  .hide-narrow { display: none; }
}
@media print {
  body { padding: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  tr, .card, figure, ol.timeline li, blockquote, .banner { break-inside: avoid; }
  thead { display: table-header-group; }
  .cards { grid-template-columns: repeat(4, 1fr); }
  svg.chart { max-width: 105mm; }
  /* Paper does not scroll: a wide table (the review's visits) is set
     smaller and wraps, rather than printing its first columns only. */
  div.table { overflow: visible; background: none; }
  div.table table { font-size: 8.5pt; }
  div.table th, div.table td { padding: .2rem .25rem; }
  div.table td.wrap { min-width: 0; }
  div.table th.n { white-space: normal; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The printed page's margins, with "Page 2 of 5" in the document's
/// language and `header` at the top of every page.
fn page_css(header: &str) -> String {
    // The counters are CSS, not text: the message is cut where they go.
    let words = tr!("html-page-of", page = "\u{E000}", pages = "\u{E001}");
    let (before, rest) = words.split_once('\u{E000}').unwrap_or((words.as_str(), ""));
    let (between, after) = rest.split_once('\u{E001}').unwrap_or((rest, ""));
    format!(
        "@page {{ size: A4; margin: 16mm 14mm 18mm;\n  \
         @bottom-right {{ content: {} counter(page) {} counter(pages) {}; \
         font: 9px sans-serif; color: #5b6475; }}\n  \
         @top-left {{ content: {}; font: 9px sans-serif; color: #5b6475; }} }}\n",
        css_string(before),
        css_string(between),
        css_string(after),
        css_string(header)
    )
}

/// Text as a CSS string: quotes and backslashes escaped, and nothing that
/// could close the `<style>` element. (The quote is written by its code so
/// that `tests/catalogs.rs`, which pairs the quotes of this file, finds
/// message ids after it.)
fn css_string(text: &str) -> String {
    const QUOTE: char = '\x22';
    let mut out = String::from(QUOTE);
    for c in text.chars() {
        match c {
            QUOTE | '\\' | '<' | '>' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push(QUOTE);
    out
}

/// A whole page in the interface's language: `title` in the tab and the
/// heading, `body` below it.
pub fn page(title: &str, body: Markup) -> String {
    page_headed(title, "touchpoint", body)
}

/// [`page`] with `header` at the top of every printed page (a review's
/// title, period and sites, so a loose page says which review it is of).
pub fn page_headed(title: &str, header: &str, body: Markup) -> String {
    let lang = crate::i18n::lang().tag();
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Belt and braces: even a bug in this file cannot load anything.
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                title { (text(title)) }
                style { (PreEscaped(CSS)) (PreEscaped(page_css(header))) }
            }
            body {
                (body)
                footer { (tr!("html-footer", tool = crate::record::tool())) }
            }
        }
    }
    .into_string()
}

/// Text from a record or checklist as it will be escaped into the page,
/// with control characters shown as `\u{1b}` rather than dropped.
pub fn text(s: &str) -> String {
    escaped(s)
}

/// A score card: a big value over a label; `fail` paints it red.
pub fn card(label: &str, value: &str, fail: bool) -> Markup {
    html! {
        div.card.fail[fail] {
            span.v { (value) }
            span.k { (label) }
        }
    }
}

/// The class of a bar for `percent` against the line between high and low.
fn level(percent: f64, line: f64) -> &'static str {
    if percent >= line {
        "fill"
    } else if percent >= line - 20.0 {
        "fill mid"
    } else {
        "fill low"
    }
}

/// A horizontal bar for a percentage, its value in its `<title>`; the
/// dashed mark is `line`, where high begins.
pub fn bar(percent: Option<f64>, line: f64) -> Markup {
    let label = percent_text(percent);
    html! {
        svg.bar viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label=(label) {
            title { (label) }
            rect.track x="0" y="0" width="100" height="6" {}
            @if let Some(p) = percent {
                rect class=(level(p, line)) x="0" y="0" width=(num(p.clamp(0.0, 100.0))) height="6" {}
            }
            line.line x1=(num(line)) x2=(num(line)) y1="0" y2="6" {}
        }
    }
}

/// A number for an SVG attribute: at most two decimals, no trailing zeros.
pub fn num(x: f64) -> String {
    let s = format!("{:.2}", x);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A table of named scores with a bar each: the chart and its own text
/// equivalent in one (screen readers read the table).
pub fn bar_table(first: &str, rows: &[(String, Option<usize>, Option<f64>)], line: f64) -> Markup {
    let visits = rows.iter().any(|r| r.1.is_some());
    html! {
        div.table { table {
            thead { tr {
                th { (first) }
                @if visits { th.n { (tr!("doc-visits")) } }
                th.n { (tr!("doc-score")) }
                th.hide-narrow { (tr!("doc-chart")) }
            } }
            tbody {
                @for (name, n, p) in rows {
                    tr {
                        td.wrap { (text(name)) }
                        @if visits { td.n { @if let Some(n) = n { (n) } } }
                        td.n { (percent_text(*p)) }
                        td.bar.hide-narrow { (bar(*p, line)) }
                    }
                }
            }
        } }
    }
}

/// A line chart of scores over time (months, oldest first), with a
/// `<title>` on each point and a summary for screen readers.
pub fn trend(points: &[(String, Option<f64>)]) -> Markup {
    let (w, h, left, right, top, bottom) = (100.0, 44.0, 11.0, 8.0, 3.0, 8.0);
    let plot_h = h - top - bottom;
    let step = if points.len() > 1 {
        (w - left - right - 4.0) / (points.len() - 1) as f64
    } else {
        0.0
    };
    let x = |n: usize| left + 4.0 + step * n as f64;
    let y = |p: f64| top + plot_h * (1.0 - p.clamp(0.0, 100.0) / 100.0);
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .filter_map(|(n, (_, p))| p.map(|p| format!("{},{}", num(x(n)), num(y(p)))))
        .collect();
    let summary: Vec<String> = points
        .iter()
        .map(|(m, p)| format!("{} {}", text(m), percent_text(*p)))
        .collect();
    // Month names under the axis take about 1.8 units a letter at this
    // font size; with many months only every few is named, so that
    // «нояб. 2026» and its neighbours do not run into each other.
    let widest = points
        .iter()
        .map(|(m, _)| m.chars().count())
        .max()
        .unwrap_or(0) as f64
        * 1.8;
    let every = if step > 0.0 {
        ((widest + 1.5) / step).ceil().max(1.0) as usize
    } else {
        1
    };
    // A name at either end is anchored inside the box, not cut by its edge.
    let anchor = |n: usize| {
        if x(n) + widest / 2.0 > w {
            "end"
        } else if x(n) - widest / 2.0 < 0.0 {
            "start"
        } else {
            "middle"
        }
    };
    html! {
        svg.chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-label=(summary.join("; ")) {
            title { (tr!("chart-score-by-month", summary = summary.join("; "))) }
            @for g in [0.0, 25.0, 50.0, 75.0, 100.0] {
                line.grid x1=(num(left)) x2=(num(w - right + 4.0)) y1=(num(y(g))) y2=(num(y(g))) {}
                text x=(num(left - 1.0)) y=(num(y(g) + 1.0)) text-anchor="end" { (g) "%" }
            }
            polyline.trend points=(path.join(" ")) {}
            @for (n, (month, p)) in points.iter().enumerate() {
                @if let Some(p) = p {
                    circle.dot cx=(num(x(n))) cy=(num(y(*p))) r="1.1" {
                        title { (text(month)) ": " (percent_text(Some(*p))) }
                    }
                }
                @if n % every == 0 {
                    text x=(num(x(n))) y=(num(h - 3.0)) text-anchor=(anchor(n)) { (text(month)) }
                }
            }
        }
    }
}

/// The four quarters' names, as the service map labels its corners.
pub struct QuarterNames {
    /// Top right: standards met, staff engaged.
    pub service_friendship: String,
    /// Bottom right: standards met, no engagement.
    pub service_service: String,
    /// Top left: engaged, standards missed.
    pub warm_but_sloppy: String,
    /// Bottom left: neither.
    pub failing: String,
}

/// One site on the service map.
pub struct MapDot {
    /// Its number on the map, as the legend lists it.
    pub n: usize,
    /// The site.
    pub site: String,
    /// Standards %, across.
    pub standards: f64,
    /// Personal touch %, up.
    pub personal_touch: f64,
    /// Its visits: the dot's size, and its label's second line.
    pub visits: usize,
    /// Its visits failed on a critical item: the dot's colour is the share.
    pub failed: usize,
}

impl MapDot {
    /// The dot's radius in the 100×100 box: larger with more visits (by
    /// area, capped), so one visit is never mistaken for forty.
    fn radius(&self) -> f64 {
        (1.9 + 0.45 * (self.visits.max(1) as f64).sqrt()).min(4.6)
    }

    /// `fail` when half its visits or more failed on a critical item, `some`
    /// when fewer but at least one did, none when none did.
    fn colour(&self) -> Option<&'static str> {
        match (self.failed, self.visits) {
            (0, _) => None,
            (f, v) if 2 * f >= v => Some("fail"),
            _ => Some("some"),
        }
    }
}

/// Where each dot is drawn: at its figures, or moved the least distance
/// (round a spiral) that clears every dot drawn before it, so no dot hides
/// another. A moved dot keeps a thin line to its true place.
/// Moved dots stay within `bounds` (x0, x1, y0, y1), the plot area.
fn spread(at: &[(f64, f64, f64)], bounds: (f64, f64, f64, f64)) -> Vec<(f64, f64)> {
    let (x0, x1, y0, y1) = bounds;
    let mut placed: Vec<(f64, f64, f64)> = Vec::new();
    for &(x, y, r) in at {
        let clear = |px: f64, py: f64, placed: &[(f64, f64, f64)]| {
            placed
                .iter()
                .all(|&(qx, qy, qr)| (px - qx).hypot(py - qy) >= r + qr + 0.3)
        };
        let mut spot = (x, y);
        if !clear(x, y, &placed) {
            'search: for step in 1..400 {
                let dist = 0.5 * f64::from(step);
                for k in 0..12 {
                    let angle =
                        std::f64::consts::TAU * f64::from(k) / 12.0 + f64::from(step) * 0.37;
                    let (px, py) = (x + dist * angle.cos(), y + dist * angle.sin());
                    let inside = (x0..=x1).contains(&px) && (y0..=y1).contains(&py);
                    if inside && clear(px, py, &placed) {
                        spot = (px, py);
                        break 'search;
                    }
                }
            }
        }
        placed.push((spot.0, spot.1, r));
    }
    placed.into_iter().map(|(x, y, _)| (x, y)).collect()
}

/// The service map: standards across, personal touch up, the four quarters
/// named, one numbered dot per site (the legend table names them). The axes
/// start at a round number below every dot and the line, so that the high
/// quarters are not squeezed into the last fifth of the square.
pub fn service_map(dots: &[MapDot], line: f64, quarters: &QuarterNames) -> Markup {
    // Plot area: x 12..96, y 4..88 of a 100×100 box.
    let (x0, x1, y0, y1) = (12.0, 96.0, 4.0, 88.0);
    // Zoomed to the data, keeping the line in view.
    let lowest = dots
        .iter()
        .flat_map(|d| [d.standards, d.personal_touch])
        .fold(line, f64::min);
    let lo = ((lowest - 5.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
    let span = 100.0 - lo;
    let x = |p: f64| x0 + (x1 - x0) * (p.clamp(lo, 100.0) - lo) / span;
    let y = |p: f64| y1 - (y1 - y0) * (p.clamp(lo, 100.0) - lo) / span;
    let step = if span > 60.0 { 20.0 } else { 10.0 };
    let ticks: Vec<f64> = (0..=10)
        .map(|n| 100.0 - step * f64::from(n))
        .filter(|t| *t >= lo)
        .collect();
    let drawn = spread(
        &dots
            .iter()
            .map(|d| (x(d.standards), y(d.personal_touch), d.radius()))
            .collect::<Vec<_>>(),
        (x0, x1, y0, y1),
    );
    let summary: Vec<String> = dots
        .iter()
        .map(|d| {
            tr!(
                "chart-map-site",
                n = d.n,
                site = text(&d.site),
                standards = percent_text(Some(d.standards)),
                personal = percent_text(Some(d.personal_touch))
            )
        })
        .collect();
    // Each name in the outer corner of its quarter, clear of the split lines.
    let quarters = [
        (&quarters.service_friendship, x1 - 1.2, y0 + 3.6, "end"),
        (&quarters.service_service, x1 - 1.2, y1 - 1.5, "end"),
        (&quarters.warm_but_sloppy, x0 + 1.2, y0 + 3.6, "start"),
        (&quarters.failing, x0 + 1.2, y1 - 1.5, "start"),
    ];
    html! {
        svg.chart viewBox="0 0 100 100" role="img" aria-label=(summary.join("; ")) {
            title { (tr!("chart-map-title", summary = summary.join("; "))) }
            rect x=(num(x0)) y=(num(y0)) width=(num(x1 - x0)) height=(num(y1 - y0)) fill="#f3f5f9" {}
            rect x=(num(x(line))) y=(num(y0)) width=(num(x1 - x(line))) height=(num(y(line) - y0))
                fill="#e3f2e9" {}
            @for g in ticks {
                line.grid x1=(num(x(g))) x2=(num(x(g))) y1=(num(y0)) y2=(num(y1)) {}
                line.grid x1=(num(x0)) x2=(num(x1)) y1=(num(y(g))) y2=(num(y(g))) {}
                text x=(num(x(g))) y=(num(y1 + 4.0)) text-anchor="middle" { (g) }
                text x=(num(x0 - 1.2)) y=(num(y(g) + 1.0)) text-anchor="end" { (g) }
            }
            line.split x1=(num(x(line))) x2=(num(x(line))) y1=(num(y0)) y2=(num(y1)) {}
            line.split x1=(num(x0)) x2=(num(x1)) y1=(num(y(line))) y2=(num(y(line))) {}
            @for (name, qx, qy, anchor) in quarters {
                text.q x=(num(qx)) y=(num(qy)) text-anchor=(anchor) { (name) }
            }
            text x=(num((x0 + x1) / 2.0)) y="99" text-anchor="middle" { (tr!("chart-axis-standards")) }
            text x="3" y=(num((y0 + y1) / 2.0)) text-anchor="middle"
                transform=(format!("rotate(-90 3 {})", num((y0 + y1) / 2.0))) { (tr!("chart-axis-personal")) }
            @for (d, (cx, cy)) in dots.iter().zip(&drawn) {
                g {
                    title { (tr!("chart-map-dot", n = d.n, site = text(&d.site),
                        standards = percent_text(Some(d.standards)),
                        personal = percent_text(Some(d.personal_touch)))) " · "
                        (tr!("chart-map-dot-visits", visits = d.visits, failed = d.failed)) }
                    @if (cx - x(d.standards)).hypot(cy - y(d.personal_touch)) > 0.01 {
                        line.leader x1=(num(x(d.standards))) y1=(num(y(d.personal_touch)))
                            x2=(num(*cx)) y2=(num(*cy)) {}
                        circle.true-place cx=(num(x(d.standards))) cy=(num(y(d.personal_touch))) r="0.5" {}
                    }
                    circle.dot.fail[d.colour() == Some("fail")].some[d.colour() == Some("some")]
                        cx=(num(*cx)) cy=(num(*cy)) r=(num(d.radius())) data-visits=(d.visits) {}
                    text.dot-label x=(num(*cx)) y=(num(cy + 0.9))
                        text-anchor="middle" { (d.n) }
                }
            }
        }
    }
}

/// A percentage as the document's language writes it (`87,5%` in Russian).
fn percent_text(percent: Option<f64>) -> String {
    crate::i18n::local_decimals(&crate::score::percent_text(percent))
}
