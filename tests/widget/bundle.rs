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

#[test]
fn the_first_module_carries_only_what_the_answer_needs() {
    let all = bundled();
    let essentials = node_vs_python::content::essentials();
    assert_eq!(essentials, &all.essentials());
    assert_eq!(essentials.use_cases, all.use_cases);
    assert!(essentials.dimensions.is_empty() && essentials.faqs.is_empty());
    // Every answer still has its verdict from the essentials alone.
    for building in nvp_recommend::answer::Building::ALL {
        let a = nvp_recommend::answer::Answers {
            building,
            team: nvp_recommend::answer::Team::Both,
        };
        assert_eq!(a.recommend(essentials), a.recommend(all));
    }
}
