//! Number formatting shared by the metrics table, the CSV, the narration and the charts, so a
//! figure reads the same everywhere it appears (the end-to-end test compares the CSV with the page).

/// A duration given in milliseconds: "0.42 ms", "4.2 ms", "42 ms", "1.23 s", "1 min 05 s".
pub fn ms(x: f64) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let a = x.abs();
    if a == 0.0 {
        "0 ms".to_string()
    } else if a < 1.0 {
        format!("{x:.2} ms")
    } else if a < 10.0 {
        format!("{x:.1} ms")
    } else if a < 1_000.0 {
        format!("{x:.0} ms")
    } else if a < 60_000.0 {
        format!("{:.2} s", x / 1e3)
    } else {
        let s = (x / 1e3).round() as i64;
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

/// Seconds on a time axis or in a sentence: "1.20 s".
pub fn secs(s: f64) -> String {
    format!("{s:.2} s")
}

/// A count or rate with thousands separators, one decimal below 10 ("2.5", "1,234").
pub fn count(x: f64) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    if x.abs() < 10.0 && x.fract() != 0.0 {
        return format!("{x:.1}");
    }
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A share as a percentage: "42%", "0.5%".
pub fn pct(fraction: f64) -> String {
    let p = fraction * 100.0;
    if p > 0.0 && p < 0.1 {
        "under 0.1%".to_string()
    } else if p > 0.0 && p < 1.0 {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

/// A ratio: "4.2×", "12×".
pub fn ratio(r: f64) -> String {
    if r < 10.0 {
        format!("{r:.1}×")
    } else {
        format!("{}×", count(r))
    }
}

/// A count with its noun in the right number: "1 process", "4 processes", "1,200 requests".
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n as f64), if n == 1 { one } else { many })
}

/// A number without trailing zeros, for messages and inputs: "2", "0.5", "1234.5".
pub fn plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A latency interval: "42 ms (40–44)"; "over 30 s" when it lies beyond the client's time-out.
pub fn ms_interval(i: &crate::estimate::Interval) -> String {
    if !i.mean.is_finite() {
        return "timed out".to_string();
    }
    if i.half <= 0.0 || i.half < i.mean * 0.005 {
        return ms(i.mean);
    }
    let (lo, hi) = (i.lo().max(0.0), i.hi());
    // "1.69 s (709 ms–2.67 s)": a bound keeps its unit when the two bounds differ in unit, so
    // "709" is never read as seconds.
    let same_unit = ms(lo).ends_with(" ms") == ms(hi).ends_with(" ms");
    if same_unit {
        format!("{} ({}–{})", ms(i.mean), ms_bare(lo), ms_bare(hi))
    } else {
        format!("{} ({}–{})", ms(i.mean), ms(lo), ms(hi))
    }
}

/// A duration in ms like [`ms`], without its unit when the unit is ms ("40", "1.23 s").
fn ms_bare(x: f64) -> String {
    let text = ms(x);
    text.strip_suffix(" ms")
        .map_or(text.clone(), str::to_string)
}
