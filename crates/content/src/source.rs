//! Reading the content from `content/*.toml` (native only: the wasm never parses TOML).
//!
//! Each file is a TOML table holding any subset of [`Content`]'s top-level keys, so authors can
//! split the data by topic. A key defined in two files is an error that names both, and so is a
//! key no file defines (except `categories` and `use_cases`, which may be absent).

use super::model::{
    Category, CodeSample, Content, Criterion, Dimension, Faq, ScoreScale, Source, Stack, UseCase,
    WeightPreset,
};
use super::validate::{Origins, validate};
use serde::Deserialize;
use std::path::Path;

/// One data file: the name used in messages (e.g. `content/criteria.toml`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// What one file may hold. Unknown top-level keys are refused, so a typo such as `critera`
/// fails loudly instead of silently dropping data.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Part {
    stacks: Option<Vec<Stack>>,
    dimensions: Option<Vec<Dimension>>,
    scale: Option<ScoreScale>,
    criteria: Option<Vec<Criterion>>,
    presets: Option<Vec<WeightPreset>>,
    tldr: Option<Vec<String>>,
    faqs: Option<Vec<Faq>>,
    hello_worlds: Option<Vec<CodeSample>>,
    categories: Option<Vec<Category>>,
    use_cases: Option<Vec<UseCase>>,
    sources: Option<Vec<Source>>,
}

/// Reads every `*.toml` file directly inside `dir`, sorted by file name so the result (and the
/// order of any messages) does not depend on the file system. Messages name files as
/// `{display}/{file name}`.
pub fn read_dir(dir: &Path, display: &str) -> Result<Vec<SourceFile>, Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|e| vec![format!("{display}: {e}")])?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = format!("{display}/{}", file_name.unwrap_or_default());
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push(SourceFile { name, text }),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Parses and merges `files` without validating them; also reports which file held each key.
/// `display` names the set as a whole, for keys that no file defines.
pub fn parse(files: &[SourceFile], display: &str) -> Result<(Content, Origins), Vec<String>> {
    let mut merged = Part::default();
    let mut origins = Origins::default();
    let mut errors = Vec::new();
    let mut unreadable = false;
    for file in files {
        let part: Part = match toml::from_str(&file.text) {
            Ok(part) => part,
            Err(e) => {
                unreadable = true;
                errors.push(format!("{}: {}", file.name, e.to_string().trim_end()));
                continue;
            }
        };
        // Moves each key the file defines into `merged`, unless another file defined it first.
        macro_rules! take {
            ($($key:ident),*) => {$(
                if let Some(value) = part.$key {
                    let key = stringify!($key);
                    if let Some(first) = origins.get(key) {
                        errors.push(format!(
                            "{}: `{key}` is also defined in {first}; keep it in one file",
                            file.name
                        ));
                    } else {
                        origins.set(key, &file.name);
                        merged.$key = Some(value);
                    }
                }
            )*};
        }
        take!(
            stacks,
            dimensions,
            scale,
            criteria,
            presets,
            tldr,
            faqs,
            hello_worlds,
            categories,
            use_cases,
            sources
        );
    }
    // Required keys: the widget has nothing sensible to show without them. Skipped when a file
    // could not be read, since the missing key is most likely in that file.
    macro_rules! require {
        ($($key:ident),*) => {$(
            if merged.$key.is_none() && !unreadable {
                errors.push(format!(
                    "{display}: no file defines the top-level key `{}`",
                    stringify!($key)
                ));
            }
        )*};
    }
    require!(
        stacks,
        dimensions,
        scale,
        criteria,
        presets,
        tldr,
        faqs,
        hello_worlds,
        sources
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some(stacks), Some(dimensions), Some(scale), Some(criteria), Some(presets)) = (
        merged.stacks,
        merged.dimensions,
        merged.scale,
        merged.criteria,
        merged.presets,
    ) else {
        unreachable!("required keys were checked above");
    };
    let content = Content {
        stacks,
        dimensions,
        scale,
        criteria,
        presets,
        tldr: merged.tldr.unwrap_or_default(),
        faqs: merged.faqs.unwrap_or_default(),
        hello_worlds: merged.hello_worlds.unwrap_or_default(),
        categories: merged.categories.unwrap_or_default(),
        use_cases: merged.use_cases.unwrap_or_default(),
        sources: merged.sources.unwrap_or_default(),
    };
    Ok((content, origins))
}

/// Parses, merges and validates `files`: the whole check the build runs.
pub fn load(files: &[SourceFile], display: &str) -> Result<Content, Vec<String>> {
    let (content, origins) = parse(files, display)?;
    let errors = validate(&content, &origins);
    if errors.is_empty() {
        Ok(content)
    } else {
        Err(errors)
    }
}

/// [`read_dir`] then [`load`].
pub fn load_dir(dir: &Path, display: &str) -> Result<Content, Vec<String>> {
    load(&read_dir(dir, display)?, display)
}

/// The `content/` directory at the top of the workspace.
pub fn shipped_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// The content the widget ships, read and validated from TOML: what tests of the core crates use
/// instead of the packed bundle (which only the wasm binaries carry).
pub fn shipped() -> Content {
    load_dir(&shipped_dir(), "content")
        .unwrap_or_else(|e| panic!("content/ should load:\n{}", e.join("\n")))
}

/// For a build script: validates `content/`, packs it into `OUT_DIR/content.postcard` for
/// [`crate::bundle!`] (and its [`Content::essentials`] into `essentials.postcard`), and asks
/// cargo to re-run when a data file changes. A validation failure
/// fails the build with one `cargo::error` per problem, each naming its file and entry.
pub fn build_bundle() {
    let dir = shipped_dir();
    println!("cargo::rerun-if-changed={}", dir.display());
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            println!("cargo::rerun-if-changed={}", entry.path().display());
        }
    }
    let content = match load_dir(&dir, "content") {
        Ok(content) => content,
        Err(errors) => {
            for error in errors {
                for line in error.lines() {
                    println!("cargo::error={line}");
                }
            }
            return;
        }
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("content.postcard"), crate::pack(&content))
        .expect("OUT_DIR is writable");
    std::fs::write(
        out.join("essentials.postcard"),
        crate::pack(&content.essentials()),
    )
    .expect("OUT_DIR is writable");
}
