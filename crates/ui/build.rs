//! Validates `content/*.toml` and packs it as a postcard blob in `OUT_DIR` (see
//! `nvp_content::source::build_bundle`), so the widget ships data that is known to be complete
//! and never parses TOML in the browser. A validation failure fails the build and lists every
//! problem as `file: entry: problem`.

fn main() {
    nvp_content::source::build_bundle();
}
