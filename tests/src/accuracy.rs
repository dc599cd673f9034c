//! How well the real scanner pipeline reads the generated corpus.
//!
//! [`evaluate`] generates a set (every class × language, `per_cell` documents, in the chosen
//! variants), encodes each image as the JPEG the camera would deliver, runs
//! [`scanner::pipeline::Pipeline`] on every page, classifies each document from all its pages,
//! and records the verdict next to the label. A [`Report`] then gives the figures issue 2
//! sets targets for: accuracy per variant and per class, the confusions, how many documents
//! of another class were taken for an identity document (must be none), and how many
//! photographed identity documents had their machine-readable zone read exactly.
//!
//! Photos also check the first stage alone: [`outline_error`] compares the page outline
//! [`scanner::detect`] finds with the corners the generator recorded, so a miss can be told
//! apart as "outline wrong" or "read wrong". [`outlines`] runs that check without OCR, which
//! takes a second per hundred photos instead of minutes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use image::GrayImage;
use scanner::classify::DocClass;
use scanner::pipeline::Pipeline;

use crate::corpus::{
    Generator, Grid, IDENTITY_CLASSES, Lang, Sample, Variant, class_name, save_jpeg_bytes,
};

/// Target accuracy on scans.
pub const SCAN_TARGET: f64 = 0.98;
/// Target accuracy on photos.
pub const PHOTO_TARGET: f64 = 0.95;
/// Target share of photographed identity documents whose zone is read exactly.
pub const MRZ_TARGET: f64 = 0.95;
/// A detected page corner this far from the true one (as a share of the page's diagonal) or
/// nearer counts as right: 2 % of an A4 sheet's diagonal is 7 mm, a margin's width.
pub const OUTLINE_TOLERANCE: f32 = 0.02;

/// What the pipeline made of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The document's identifier.
    pub document: String,
    /// Its true class.
    pub class: DocClass,
    /// Its language.
    pub lang: Lang,
    /// Scan or photo.
    pub variant: Variant,
    /// The template that drew it.
    pub template: String,
    /// The class the pipeline gave it (`None` when the pipeline failed on a page).
    pub predicted: Option<DocClass>,
    /// The zone printed on it.
    pub mrz_expected: Option<Vec<String>>,
    /// The zone the pipeline read.
    pub mrz_read: Option<Vec<String>>,
    /// Photos: whether the page outline was found within [`OUTLINE_TOLERANCE`] on every page.
    pub outline_ok: Option<bool>,
}

impl Outcome {
    /// Whether the class is right.
    pub fn correct(&self) -> bool {
        self.predicted == Some(self.class)
    }

    /// Whether a document of another class was taken for an identity document.
    pub fn false_identity(&self) -> bool {
        !IDENTITY_CLASSES.contains(&self.class)
            && self
                .predicted
                .is_some_and(|p| IDENTITY_CLASSES.contains(&p))
    }

    /// Whether the zone was read exactly (`None` when the document has none).
    pub fn mrz_exact(&self) -> Option<bool> {
        self.mrz_expected
            .as_ref()
            .map(|e| self.mrz_read.as_ref() == Some(e))
    }
}

/// How far the outline detected in a photo lies from the page's true `corners`: the largest
/// distance from a true corner to the nearest detected one, as a share of the page's diagonal
/// (`None` when no outline is found, or the page is taken to fill the frame).
pub fn outline_error(photo: &GrayImage, corners: &[[f32; 2]; 4]) -> Option<f32> {
    let detection = scanner::detect::detect(photo);
    let quad = detection.quad.filter(|_| !detection.fills_frame)?;
    let dist = |a: [f32; 2], b: scanner::geometry::Point| (a[0] - b.x).hypot(a[1] - b.y);
    let diagonal = dist(
        corners[0],
        scanner::geometry::Point::new(corners[2][0], corners[2][1]),
    );
    let worst = corners
        .iter()
        .map(|&c| {
            quad.corners
                .iter()
                .map(|&q| dist(c, q))
                .fold(f32::MAX, f32::min)
        })
        .fold(0.0, f32::max);
    Some(worst / diagonal.max(1.0))
}

/// Whether every photographed page of `pages` has its outline found within tolerance (`None`
/// for scans).
fn outlines_ok(pages: &[Sample]) -> Option<bool> {
    let mut all = None;
    for sample in pages {
        let Some(corners) = &sample.label.corners else {
            continue;
        };
        let grey = image::DynamicImage::ImageRgb8(sample.image.clone()).to_luma8();
        let ok = outline_error(&grey, corners).is_some_and(|e| e <= OUTLINE_TOLERANCE);
        all = Some(all.unwrap_or(true) && ok);
    }
    all
}

/// The outline check alone, on the photos of a set: per document, its class, template, and
/// each page's [`outline_error`]. `progress` is called after each document.
pub fn outlines(
    generator: &Generator,
    per_cell: u32,
    mut progress: impl FnMut(&str, DocClass, &[Option<f32>], &[Sample]),
) -> OutlineReport {
    let mut report = OutlineReport::default();
    for spec in Grid::specs(per_cell) {
        let pages = generator.document(&spec, Variant::Photo);
        let errors: Vec<Option<f32>> = pages
            .iter()
            .filter_map(|p| {
                let corners = p.label.corners.as_ref()?;
                let grey = image::DynamicImage::ImageRgb8(p.image.clone()).to_luma8();
                Some(outline_error(&grey, corners))
            })
            .collect();
        progress(&spec.id(), spec.class, &errors, &pages);
        for e in errors {
            let cell = report.by_class.entry(class_name(spec.class)).or_default();
            cell.1 += 1;
            if e.is_some_and(|e| e <= OUTLINE_TOLERANCE) {
                cell.0 += 1;
            }
        }
    }
    report
}

/// Photographed pages whose outline was found within tolerance, per class.
#[derive(Debug, Clone, Default)]
pub struct OutlineReport {
    /// Class name → (pages within tolerance, pages).
    pub by_class: BTreeMap<String, (usize, usize)>,
}

impl OutlineReport {
    /// The report as a text table.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let (mut ok, mut total) = (0, 0);
        let _ = writeln!(
            out,
            "page outline within {:.0} % of the diagonal, photographed pages:",
            100.0 * OUTLINE_TOLERANCE
        );
        for (class, (c, t)) in &self.by_class {
            let _ = writeln!(out, "  {class:<18} {c}/{t}");
            ok += c;
            total += t;
        }
        let _ = writeln!(
            out,
            "  {:<18} {ok}/{total} ({:.1}%)",
            "all",
            100.0 * ratio(ok, total)
        );
        out
    }
}

/// Runs the pipeline on the pages of one document and returns the verdict.
pub fn read_document(
    pipeline: &mut Pipeline,
    pages: &[Sample],
) -> (Option<DocClass>, Option<Vec<String>>) {
    let mut read = Vec::new();
    for sample in pages {
        // The pipeline sees what the camera delivers: a JPEG, decoded by the kiosk's own input.
        let Ok(bytes) = save_jpeg_bytes(&sample.image, sample.quality) else {
            return (None, None);
        };
        let Ok(image) = scanner::input::decode_bytes(&bytes) else {
            return (None, None);
        };
        match pipeline.read_photo(&image) {
            Ok(page) => read.push(page),
            Err(_) => return (None, None),
        }
    }
    let mrz = pipeline.document_zone(&read).map(|m| m.lines);
    (Some(pipeline.classify(&read).class), mrz)
}

/// Generates `per_cell` documents of every class × language in each of `variants` and reads
/// them; `progress` is called after each document.
pub fn evaluate(
    generator: &Generator,
    pipeline: &mut Pipeline,
    per_cell: u32,
    variants: &[Variant],
    mut progress: impl FnMut(&Outcome, &[Sample]),
) -> Report {
    let mut outcomes = Vec::new();
    for spec in Grid::specs(per_cell) {
        for &variant in variants {
            let pages = generator.document(&spec, variant);
            let Some(first) = pages.first() else { continue };
            let (predicted, mrz_read) = read_document(pipeline, &pages);
            let outcome = Outcome {
                document: spec.id(),
                class: spec.class,
                lang: spec.lang,
                variant,
                template: first.label.template.clone(),
                predicted,
                mrz_expected: first.label.truth.mrz.clone(),
                mrz_read,
                outline_ok: outlines_ok(&pages),
            };
            progress(&outcome, &pages);
            outcomes.push(outcome);
        }
    }
    Report { outcomes }
}

/// The outcomes of a run, and the figures drawn from them.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One per document read.
    pub outcomes: Vec<Outcome>,
}

/// `count / total`, or 1 when there is nothing to count.
fn ratio(count: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        count as f64 / total as f64
    }
}

fn predicted_name(p: Option<DocClass>) -> String {
    p.map_or_else(|| "(pipeline error)".to_string(), class_name)
}

impl Report {
    /// Correct and total documents of a variant.
    pub fn accuracy(&self, variant: Variant) -> (usize, usize) {
        let of: Vec<&Outcome> = self
            .outcomes
            .iter()
            .filter(|o| o.variant == variant)
            .collect();
        (of.iter().filter(|o| o.correct()).count(), of.len())
    }

    /// Accuracy of a variant as a fraction.
    pub fn accuracy_ratio(&self, variant: Variant) -> f64 {
        let (c, t) = self.accuracy(variant);
        ratio(c, t)
    }

    /// Documents of non-identity classes classified as an identity document.
    pub fn false_identities(&self) -> usize {
        self.outcomes.iter().filter(|o| o.false_identity()).count()
    }

    /// Exact and total zones on identity documents of a variant.
    pub fn mrz_exact(&self, variant: Variant) -> (usize, usize) {
        let checks: Vec<bool> = self
            .outcomes
            .iter()
            .filter(|o| o.variant == variant)
            .filter_map(Outcome::mrz_exact)
            .collect();
        (checks.iter().filter(|&&b| b).count(), checks.len())
    }

    /// Exact share of zones on identity documents of a variant.
    pub fn mrz_ratio(&self, variant: Variant) -> f64 {
        let (c, t) = self.mrz_exact(variant);
        ratio(c, t)
    }

    /// Misclassifications as (true class, predicted) → count, most frequent first.
    pub fn confusions(&self) -> Vec<((DocClass, Option<DocClass>), usize)> {
        let mut counts: BTreeMap<(DocClass, Option<DocClass>), usize> = BTreeMap::new();
        for o in self.outcomes.iter().filter(|o| !o.correct()) {
            *counts.entry((o.class, o.predicted)).or_default() += 1;
        }
        let mut list: Vec<_> = counts.into_iter().collect();
        list.sort_by_key(|entry| std::cmp::Reverse(entry.1));
        list
    }

    /// Whether every target of issue 2 is met.
    pub fn meets_targets(&self) -> bool {
        self.accuracy_ratio(Variant::Scan) >= SCAN_TARGET
            && self.accuracy_ratio(Variant::Photo) >= PHOTO_TARGET
            && self.false_identities() == 0
            && self.mrz_ratio(Variant::Photo) >= MRZ_TARGET
    }

    /// The report as text tables.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let variants: Vec<Variant> = [Variant::Scan, Variant::Photo]
            .into_iter()
            .filter(|v| self.outcomes.iter().any(|o| o.variant == *v))
            .collect();
        let _ = writeln!(
            out,
            "{:<10} {:>9} {:>8} {:>9} {:>8}",
            "variant", "documents", "correct", "accuracy", "target"
        );
        for &v in &variants {
            let (c, t) = self.accuracy(v);
            let target = if v == Variant::Scan {
                SCAN_TARGET
            } else {
                PHOTO_TARGET
            };
            let _ = writeln!(
                out,
                "{:<10} {:>9} {:>8} {:>8.1}% {:>7.0}%",
                v.code(),
                t,
                c,
                100.0 * ratio(c, t),
                100.0 * target
            );
        }
        let _ = writeln!(out, "\nper class (correct/total per variant):");
        let _ = write!(out, "{:<18}", "class");
        for v in &variants {
            let _ = write!(out, " {:>12}", v.code());
        }
        let _ = writeln!(out);
        for class in crate::corpus::CLASSES {
            let _ = write!(out, "{:<18}", class_name(class));
            for &v in &variants {
                let of: Vec<&Outcome> = self
                    .outcomes
                    .iter()
                    .filter(|o| o.class == class && o.variant == v)
                    .collect();
                let c = of.iter().filter(|o| o.correct()).count();
                let _ = write!(out, " {:>12}", format!("{c}/{}", of.len()));
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "\nper language:");
        for lang in crate::corpus::LANGS {
            let of: Vec<&Outcome> = self.outcomes.iter().filter(|o| o.lang == lang).collect();
            let c = of.iter().filter(|o| o.correct()).count();
            let _ = writeln!(
                out,
                "  {:<4} {c}/{} ({:.1}%)",
                lang.code(),
                of.len(),
                100.0 * ratio(c, of.len())
            );
        }
        let confusions = self.confusions();
        let _ = writeln!(out, "\nconfusions (true → predicted: count):");
        if confusions.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for ((truth, predicted), n) in confusions {
            let _ = writeln!(
                out,
                "  {} → {}: {n}",
                class_name(truth),
                predicted_name(predicted)
            );
        }
        let mut by_template: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for o in &self.outcomes {
            let e = by_template.entry(o.template.as_str()).or_default();
            e.1 += 1;
            if !o.correct() {
                e.0 += 1;
            }
        }
        let misses: Vec<String> = by_template
            .iter()
            .filter(|(_, (m, _))| *m > 0)
            .map(|(t, (m, n))| format!("{t} {m}/{n}"))
            .collect();
        let _ = writeln!(
            out,
            "\ntemplates with misses: {}",
            if misses.is_empty() {
                "none".into()
            } else {
                misses.join(", ")
            }
        );
        let _ = writeln!(
            out,
            "\nnon-identity documents classified as identity_card/passport/residence_permit: {} (must be 0)",
            self.false_identities()
        );
        for &v in &variants {
            let (c, t) = self.mrz_exact(v);
            let _ = writeln!(
                out,
                "MRZ exact on {} identity documents: {c}/{t} ({:.1}%; target on photos {:.0}%)",
                v.code(),
                100.0 * ratio(c, t),
                100.0 * MRZ_TARGET
            );
        }
        let outlines: Vec<bool> = self.outcomes.iter().filter_map(|o| o.outline_ok).collect();
        if !outlines.is_empty() {
            let ok = outlines.iter().filter(|&&b| b).count();
            let missed_with_bad_outline = self
                .outcomes
                .iter()
                .filter(|o| !o.correct() && o.outline_ok == Some(false))
                .count();
            let _ = writeln!(
                out,
                "page outline right on photographed documents: {ok}/{} ({:.1}%); misses with a wrong outline: {missed_with_bad_outline}",
                outlines.len(),
                100.0 * ratio(ok, outlines.len())
            );
        }
        let _ = writeln!(
            out,
            "\ntargets met: {}",
            if self.meets_targets() { "yes" } else { "no" }
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(class: DocClass, predicted: Option<DocClass>, variant: Variant) -> Outcome {
        Outcome {
            document: "d".into(),
            class,
            lang: Lang::Fr,
            variant,
            template: "t".into(),
            predicted,
            mrz_expected: None,
            mrz_read: None,
            outline_ok: None,
        }
    }

    #[test]
    fn a_payslip_taken_for_a_passport_is_a_false_identity() {
        let report = Report {
            outcomes: vec![
                outcome(DocClass::Payslip, Some(DocClass::Passport), Variant::Photo),
                outcome(
                    DocClass::Passport,
                    Some(DocClass::IdentityCard),
                    Variant::Photo,
                ),
                outcome(DocClass::Payslip, Some(DocClass::Payslip), Variant::Scan),
            ],
        };
        assert_eq!(report.false_identities(), 1);
        assert_eq!(report.accuracy(Variant::Photo), (0, 2));
        assert_eq!(report.accuracy(Variant::Scan), (1, 1));
        assert!(!report.meets_targets());
        assert_eq!(report.confusions().len(), 2);
    }

    #[test]
    fn mrz_counts_only_documents_that_have_one() {
        let mut read = outcome(DocClass::Passport, Some(DocClass::Passport), Variant::Photo);
        read.mrz_expected = Some(vec!["A".into(), "B".into()]);
        read.mrz_read = Some(vec!["A".into(), "B".into()]);
        let mut misread = read.clone();
        misread.mrz_read = Some(vec!["A".into(), "8".into()]);
        let plain = outcome(DocClass::Payslip, Some(DocClass::Payslip), Variant::Photo);
        let report = Report {
            outcomes: vec![read, misread, plain],
        };
        assert_eq!(report.mrz_exact(Variant::Photo), (1, 2));
        assert!(
            report
                .render()
                .contains("MRZ exact on photo identity documents: 1/2")
        );
    }
}
