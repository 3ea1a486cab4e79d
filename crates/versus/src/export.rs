//! The charts as a standalone SVG file: the two charts' own markup side by side, with a style
//! sheet built from the colour table (the page's custom properties do not travel with a file).

use crate::palette::light;

/// Width and height of each chart in the export, matching the charts' viewBox.
pub const CHART_W: f64 = 360.0;
pub const CHART_H: f64 = 220.0;

/// The style sheet the exported charts carry, in the light scheme.
pub fn style() -> String {
    format!(
        "text{{font:11px system-ui,sans-serif;fill:{text}}}\
         .nvp-sim-axis line{{stroke:{muted}}}.nvp-sim-grid{{stroke:{border}}}\
         .nvp-sim-guide line{{stroke:{muted};stroke-dasharray:2 3}}\
         .nvp-sim-line{{fill:none;stroke-width:2}}\
         .nvp-sim-line--node{{stroke:{node}}}.nvp-sim-line--python{{stroke:{python};stroke-dasharray:6 3}}\
         .nvp-sim-mark--node{{fill:{node}}}.nvp-sim-mark--python{{fill:{python}}}\
         .nvp-sim-band--node{{fill:{node};opacity:.15}}.nvp-sim-band--python{{fill:{python};opacity:.15}}",
        text = light("text"),
        muted = light("muted"),
        border = light("border"),
        node = light("stack-0"),
        python = light("stack-1"),
    )
}

/// One SVG document holding `charts` (each an `<svg>` element's markup) left to right on a
/// white background.
pub fn charts_svg(charts: &[String]) -> String {
    let gap = 15.0;
    let width = charts.len() as f64 * (CHART_W + gap) - gap;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{CHART_H}\" \
         viewBox=\"0 0 {width} {CHART_H}\"><style>{}</style>\
         <rect width=\"{width}\" height=\"{CHART_H}\" fill=\"{}\"/>",
        style(),
        light("bg")
    );
    for (i, chart) in charts.iter().enumerate() {
        let x = i as f64 * (CHART_W + gap);
        out.push_str(&format!("<g transform=\"translate({x} 0)\">{chart}</g>"));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_is_one_svg_with_the_palette_colours() {
        let svg = charts_svg(&["<svg id=\"a\"></svg>".into(), "<svg id=\"b\"></svg>".into()]);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"735\""));
        assert!(svg.contains(light("stack-0")) && svg.contains(light("stack-1")));
        assert!(svg.contains("<g transform=\"translate(375 0)\"><svg id=\"b\">"));
        assert!(svg.ends_with("</g></svg>"));
    }
}
