//! The content this binary carries: `build.rs` validates `content/*.toml` and packs it; here it
//! is decoded once, on first use. The model itself lives in `nvp_content`.

pub use nvp_content::*;

nvp_content::bundle!();
