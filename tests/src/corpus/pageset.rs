//! From a sample's coordinates to finished images and labels.
//!
//! A [`Spec`] names one document (class, language, index); [`Generator::document`] renders
//! it in one variant, one image per page or card side. [`Grid`] lists the specs of a whole
//! set: `per_cell` documents for every class × language.

use image::{Rgb, RgbImage};
use rand::RngExt;
use scanner::classify::DocClass;

use super::camera::{self, FrameSize, Placement};
use super::docs::{self, A4, Page};
use super::paint::{Align, Canvas, Face, ink};
use super::{CLASSES, Generator, Kind, LANGS, Label, Lang, Variant, class_name, rng_for};

/// One document of a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Its class.
    pub class: DocClass,
    /// Its language.
    pub lang: Lang,
    /// Its number within its class × language cell.
    pub index: u32,
}

impl Spec {
    /// The document's identifier: `payslip-fr-0003`.
    pub fn id(&self) -> String {
        format!(
            "{}-{}-{:04}",
            class_name(self.class),
            self.lang.code(),
            self.index
        )
    }

    fn coordinates(&self) -> [u64; 3] {
        let class = CLASSES.iter().position(|c| *c == self.class).unwrap_or(0) as u64;
        let lang = LANGS.iter().position(|l| *l == self.lang).unwrap_or(0) as u64;
        [class, lang, u64::from(self.index)]
    }
}

/// The documents of a set: `per_cell` of every class × language.
pub struct Grid;

impl Grid {
    /// Every spec, class by class.
    pub fn specs(per_cell: u32) -> Vec<Spec> {
        CLASSES
            .iter()
            .flat_map(|&class| {
                LANGS.iter().flat_map(move |&lang| {
                    (0..per_cell).map(move |index| Spec { class, lang, index })
                })
            })
            .collect()
    }
}

/// One finished image with its label.
pub struct Sample {
    /// The pixels.
    pub image: RgbImage,
    /// The JPEG quality to save it at.
    pub quality: u8,
    /// Its label.
    pub label: Label,
}

/// Paints a page at `dpi`, with the decoration stream of page number `n` of `spec`.
pub(crate) fn render(generator: &Generator, page: &Page, dpi: f32, deco_seed: u64) -> RgbImage {
    let mut canvas = Canvas::new(generator.fonts(), page.w_mm, page.h_mm, dpi, page.paper);
    let mut deco = rng_for(deco_seed, &[]);
    (page.art)(&mut canvas, &mut deco);
    canvas.img
}

/// Takes the scan or photo of a rendered page (a photo in a frame of size `frame`);
/// `shot_seed` drives the camera.
pub(crate) fn shoot(
    generator: &Generator,
    page: &Page,
    variant: Variant,
    frame: FrameSize,
    deco_seed: u64,
    shot_seed: u64,
) -> camera::Shot {
    let mut rng = rng_for(shot_seed, &[]);
    match variant {
        Variant::Scan => {
            let dpi = rng.random_range(200.0..300.0f32);
            camera::scan(render(generator, page, dpi, deco_seed), &mut rng)
        }
        Variant::Photo => {
            let place = Placement::random(page.w_mm, page.h_mm, frame, &mut rng);
            // Render a little finer than the frame shows it, as optics would resolve it.
            let dpi = (place.px_per_mm * 25.4 * 1.6).clamp(120.0, 400.0);
            let image = render(generator, page, dpi, deco_seed);
            camera::photo(&image, page.w_mm, page.h_mm, &place, &mut rng)
        }
    }
}

impl Generator {
    /// The images of one document in one variant, one per page or card side.
    pub fn document(&self, spec: &Spec, variant: Variant) -> Vec<Sample> {
        let coords = spec.coordinates();
        let mut content = rng_for(self.seed(), &coords);
        let doc = docs::build(spec.class, spec.lang, &mut content);
        let pages = doc.pages.len();
        let id = spec.id();
        doc.pages
            .iter()
            .enumerate()
            .map(|(n, page)| {
                let deco_seed = super::mix(
                    self.seed(),
                    &[coords[0], coords[1], coords[2], 1_000 + n as u64],
                );
                let shot_seed = super::mix(
                    self.seed(),
                    &[
                        coords[0],
                        coords[1],
                        coords[2],
                        2_000 + n as u64,
                        variant as u64,
                    ],
                );
                let shot = shoot(
                    self,
                    page,
                    variant,
                    self.photo_frame(),
                    deco_seed,
                    shot_seed,
                );
                let side = page.side.map(|s| format!("-{s}")).unwrap_or_default();
                let file = format!("{id}-{}{side}.jpg", variant.code());
                Sample {
                    quality: shot.quality,
                    label: Label {
                        file,
                        kind: Kind::Document,
                        document: id.clone(),
                        page: n + 1,
                        pages,
                        side: page.side.map(str::to_owned),
                        class: Some(spec.class),
                        language: spec.lang,
                        variant,
                        template: doc.template.clone(),
                        truth: doc.truth.clone(),
                        qr_payload: None,
                        inverted: false,
                        rotation: shot.rotation,
                        corners: shot.corners,
                    },
                    image: shot.image,
                }
            })
            .collect()
    }
}

impl Generator {
    /// A camera photo of an A4 sheet printed with `lines`, one per line in large bold type:
    /// for tests that follow known text (canary strings) through the kiosk. `seed` decides
    /// how the sheet lies under the camera. The frame is 1080p: large print reads at any
    /// camera's resolution, and the kiosk's tests stay light.
    pub fn text_photo(&self, lines: &[String], seed: u64) -> RgbImage {
        self.text_shot(lines, seed).image
    }

    /// [`Generator::text_photo`] with where the sheet's corners lie in it.
    pub fn text_shot(&self, lines: &[String], seed: u64) -> camera::Shot {
        let lines = lines.to_vec();
        let page = Page {
            w_mm: A4.0,
            h_mm: A4.1,
            paper: Rgb([252, 252, 248]),
            side: None,
            art: Box::new(move |c, _| {
                let pt = 18.0;
                let mut y = 30.0;
                for line in &lines {
                    c.text(20.0, y, pt, Face::SansBold, ink::BLACK, Align::Left, line);
                    y += c.line_height(pt) * 1.6;
                }
            }),
        };
        shoot(
            self,
            &page,
            Variant::Photo,
            camera::HD_FRAME,
            seed,
            super::mix(seed, &[1]),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{IDENTITY_CLASSES, icao};

    fn generator() -> Generator {
        Generator::new(7).expect("DejaVu fonts (fonts-dejavu-core)")
    }

    #[test]
    fn the_same_seed_gives_the_same_images() {
        let spec = Spec {
            class: DocClass::IdentityCard,
            lang: Lang::Es,
            index: 3,
        };
        let (a, b) = (
            generator().document(&spec, Variant::Scan),
            generator().document(&spec, Variant::Scan),
        );
        assert_eq!(a.len(), 2, "an identity card has a front and a back");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.label, y.label);
            assert!(x.image == y.image, "images differ for the same seed");
        }
        let other = Generator::new(8)
            .expect("fonts")
            .document(&spec, Variant::Scan);
        assert!(
            other[0].image != a[0].image,
            "another seed gives another card"
        );
    }

    #[test]
    fn photos_are_taken_at_the_generators_frame_with_the_page_at_the_same_place() {
        let spec = Spec {
            class: DocClass::Payslip,
            lang: Lang::Fr,
            index: 1,
        };
        let kiosk = generator().document(&spec, Variant::Photo);
        assert_eq!(kiosk[0].image.dimensions(), camera::DOCUMENT_FRAME);
        let hd = generator()
            .with_photo_frame(camera::HD_FRAME)
            .document(&spec, Variant::Photo);
        assert_eq!(hd[0].image.dimensions(), camera::HD_FRAME);
        // The same scene at twice the resolution: the page lies at the same place in the field.
        let double = generator()
            .with_photo_frame((2 * camera::HD_FRAME.0, 2 * camera::HD_FRAME.1))
            .document(&spec, Variant::Photo);
        let (small, large) = (
            hd[0].label.corners.expect("a photo has corners"),
            double[0].label.corners.expect("a photo has corners"),
        );
        for (s, l) in small.iter().zip(&large) {
            assert!((2.0 * s[0] - l[0]).abs() < 0.5 && (2.0 * s[1] - l[1]).abs() < 0.5);
        }
    }

    #[test]
    fn frame_sizes_are_read_as_width_by_height() {
        assert_eq!(camera::parse_frame_size("1920x1080"), Ok((1920, 1080)));
        assert_eq!(camera::parse_frame_size("3264×2448"), Ok((3264, 2448)));
        for wrong in ["1920", "x1080", "0x0", "1920x1080x3", "99999x100", "big"] {
            assert!(camera::parse_frame_size(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn identity_documents_carry_a_zone_whose_check_digits_hold() {
        let g = generator();
        for class in IDENTITY_CLASSES {
            for lang in LANGS {
                let spec = Spec {
                    class,
                    lang,
                    index: 0,
                };
                let mut rng = rng_for(g.seed(), &spec.coordinates());
                let doc = docs::build(class, lang, &mut rng);
                let lines = doc.truth.mrz.expect("identity documents have a zone");
                let width = if class == DocClass::Passport { 44 } else { 30 };
                assert!(
                    lines.iter().all(|l| l.len() == width
                        && l.chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<')),
                    "{lines:?}"
                );
                // Document number and its check digit sit at the same place in TD1 and TD3 lines.
                let (line, start) = if width == 44 {
                    (&lines[1], 0)
                } else {
                    (&lines[0], 5)
                };
                let number = &line[start..start + 9];
                assert_eq!(
                    line.chars().nth(start + 9),
                    Some(icao::check_digit(number)),
                    "{lines:?}"
                );
                assert!(doc.truth.expiry.is_some());
            }
        }
    }

    #[test]
    fn bank_documents_carry_a_valid_iban_and_payslips_a_period() {
        let g = generator();
        for lang in LANGS {
            let mut rng = rng_for(g.seed(), &[1, 2, 3]);
            let bank = docs::build(DocClass::BankDetails, lang, &mut rng);
            let iban = bank.truth.iban.expect("bank details have an IBAN");
            assert!(icao::iban_is_valid(&iban), "{iban}");
            assert_eq!(bank.truth.iban_valid, Some(true));
            let pay = docs::build(DocClass::Payslip, lang, &mut rng);
            let period = pay.truth.period.expect("payslips have a period");
            assert!(
                period.len() == 7 && period.as_bytes()[4] == b'-',
                "{period}"
            );
        }
    }

    #[test]
    fn every_class_renders_ink_on_paper_in_every_language() {
        let g = generator();
        for class in CLASSES {
            for lang in LANGS {
                let mut rng = rng_for(g.seed(), &[9, class as u64, lang as u64]);
                let doc = docs::build(class, lang, &mut rng);
                assert!(!doc.template.is_empty());
                for page in &doc.pages {
                    // Low resolution keeps the test quick; pixels much darker than the paper are ink.
                    let image = render(&g, page, 100.0, 1);
                    let luma = |p: &image::Rgb<u8>| {
                        0.3 * p[0] as f32 + 0.59 * p[1] as f32 + 0.11 * p[2] as f32
                    };
                    let paper = luma(&page.paper);
                    let dark = image.pixels().filter(|p| luma(p) < paper - 80.0).count();
                    assert!(
                        dark * 2000 > image.pixels().len(),
                        "{} {lang:?} looks blank",
                        doc.template
                    );
                }
            }
        }
    }

    #[test]
    fn grid_covers_every_class_and_language() {
        let specs = Grid::specs(2);
        assert_eq!(specs.len(), 13 * 3 * 2);
        for class in CLASSES {
            for lang in LANGS {
                assert_eq!(
                    specs
                        .iter()
                        .filter(|s| s.class == class && s.lang == lang)
                        .count(),
                    2
                );
            }
        }
    }
}
