//! Compiles the touchscreen markup (`ui/app-window.slint`) into Rust at build time.
//!
//! Images (the pictograms) are embedded in the binary so the kiosk reads nothing from disk to
//! draw a screen. The translations are bundled too once `translations/` exists, so that
//! `slint::select_bundled_translation` can switch language at any moment.
//!
//! The element debug info (type names, ids, the element tree) is kept: the headless UI tests
//! find buttons by their accessible label through it, and it costs a few kilobytes of names.

use std::path::Path;

fn main() {
    let mut config = slint_build::CompilerConfiguration::new()
        .embed_resources(slint_build::EmbedResourcesKind::EmbedFiles)
        .with_debug_info(true);
    if Path::new("translations").is_dir() {
        config = config.with_bundled_translations("translations");
    }
    println!("cargo:rerun-if-changed=translations");
    if let Err(error) = slint_build::compile_with_config("ui/app-window.slint", config) {
        panic!("the touchscreen markup does not compile: {error}");
    }
}
