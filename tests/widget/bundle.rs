//! The blob the widget carries is exactly the shipped `content/` and stays small.

use node_vs_python::content::{blob_len, bundled};

#[test]
fn the_bundled_blob_is_the_shipped_content() {
    assert_eq!(
        bundled(),
        &nvp_content::source::shipped(),
        "the postcard blob is out of date with content/"
    );
}

#[test]
fn the_blob_stays_small() {
    println!("content.postcard: {} bytes", blob_len());
    // A budget, so a runaway content change is noticed: the blob ships inside the wasm.
    assert!(blob_len() < 48 * 1024, "blob grew to {} bytes", blob_len());
}
