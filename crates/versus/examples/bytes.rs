fn main() {
    let s = nvp_versus::settings::Settings::default();
    let o = nvp_versus::evaluate(&s);
    let b = postcard::to_allocvec(&o).unwrap();
    println!(
        "outcome {} bytes; settings {:?}",
        b.len(),
        postcard::to_allocvec(&s).unwrap()
    );
}
