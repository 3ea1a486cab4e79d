//! One colour table: `styles/widget.css` holds exactly the tokens of `nvp_versus::palette`, which
//! the SVG export also uses. `UPDATE_PALETTE=1 cargo test` rewrites the CSS block.

use nvp_versus::palette;

const START: &str = "/* palette:start";
const END: &str = "  /* palette:end */";

#[test]
fn the_css_colour_tokens_are_the_palette() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/styles/widget.css");
    let css = std::fs::read_to_string(path).expect("styles/widget.css");
    let start = css.find(START).expect("the palette:start marker");
    let body_start = css[start..].find('\n').expect("a line break") + start + 1;
    let end = css.find(END).expect("the palette:end marker");
    let want = palette::css_block();
    if std::env::var_os("UPDATE_PALETTE").is_some() {
        let updated = format!("{}{want}{}", &css[..body_start], &css[end..]);
        std::fs::write(path, updated).expect("write styles/widget.css");
        return;
    }
    assert_eq!(
        &css[body_start..end],
        want,
        "styles/widget.css is out of date with the palette"
    );
    for t in palette::TOKENS {
        assert_eq!(palette::light(t.name), t.light);
    }
}
