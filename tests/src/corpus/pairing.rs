//! Vault pairing codes as residents bring them: a printed card from their social worker, or
//! their phone's screen (sometimes in dark mode, light modules on a dark background).
//!
//! Both are photographed like documents (see [`super::camera`]), in a 1080p frame, the size
//! the QR reader's targets are set for; the label carries the exact payload, a Nextcloud-style
//! public share link.

use image::{Rgb, RgbImage};
use qrcode::{Color, EcLevel, QrCode};
use rand::RngExt;

use super::camera::HD_FRAME;
use super::docs::{Art, ID1, Page};
use super::fake;
use super::pageset::shoot;
use super::paint::{Align, Canvas, Face, ink};
use super::{
    CorpusError, Generator, Kind, LANGS, Label, Lang, Sample, Truth, Variant, mix, rng_for,
};

/// Printed card or phone screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// A printed pairing card.
    Card,
    /// A phone screen showing the code.
    Screen,
}

/// Draws a QR code's modules in a `size` mm square (quiet zone included) at (x, y).
fn draw_code(
    c: &mut Canvas,
    code: &QrCode,
    x: f32,
    y: f32,
    size: f32,
    dark: Rgb<u8>,
    light: Rgb<u8>,
) {
    let n = code.width();
    let module = size / (n + 8) as f32;
    c.fill(x, y, size, size, light);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (col, row) = ((i % n) as f32, (i / n) as f32);
            // A hair of overlap so neighbouring modules leave no seams.
            c.fill(
                x + (col + 4.0) * module,
                y + (row + 4.0) * module,
                module + 0.02,
                module + 0.02,
                dark,
            );
        }
    }
}

/// A share link like the ones Nextcloud hands out.
pub fn payload(seed: u64, index: u32) -> String {
    let mut rng = rng_for(seed, &[77, u64::from(index)]);
    let host = [
        "https://cloud.example.org/s/",
        "https://cloud.example.org/index.php/s/",
        "https://coffre.example.fr/s/",
        "https://vault.example.net/s/",
    ];
    let h = if rng.random_bool(0.6) {
        0
    } else {
        rng.random_range(1..host.len())
    };
    format!("{}{}", host[h], fake::token(&mut rng, 15))
}

const HEADINGS: [(&str, &str); 3] = [
    (
        "Mon coffre-fort numérique",
        "Montrez ce code à la borne pour y déposer vos documents.",
    ),
    (
        "Mi caja fuerte digital",
        "Muestre este código en el quiosco para guardar sus documentos.",
    ),
    (
        "My digital vault",
        "Show this code to the kiosk to put your documents in your vault.",
    ),
];

fn card(code: QrCode, lang: Lang, accent: Rgb<u8>) -> Page {
    let (title, text) = HEADINGS[LANGS.iter().position(|l| *l == lang).unwrap_or(0)];
    let art: Art = Box::new(move |c, _r| {
        c.fill(0.0, 0.0, c.width_mm(), 8.0, accent);
        c.text(
            3.0,
            1.5,
            8.0,
            Face::SansBold,
            ink::WHITE,
            Align::Left,
            title,
        );
        draw_code(c, &code, 3.0, 10.0, 42.0, ink::BLACK, ink::WHITE);
        c.paragraph(47.0, 12.0, 35.0, 6.5, Face::Sans, ink::BLACK, text);
    });
    Page {
        w_mm: ID1.0,
        h_mm: ID1.1,
        paper: Rgb([255, 255, 255]),
        side: Some("front"),
        art,
    }
}

fn screen(code: QrCode, lang: Lang, inverted: bool, accent: Rgb<u8>) -> Page {
    let (title, text) = HEADINGS[LANGS.iter().position(|l| *l == lang).unwrap_or(0)];
    let (bg, fg) = if inverted {
        (Rgb([18, 18, 22]), Rgb([235, 235, 235]))
    } else {
        (Rgb([250, 250, 250]), Rgb([20, 20, 20]))
    };
    let art: Art = Box::new(move |c, _r| {
        let (w, h) = (c.width_mm(), c.height_mm());
        // Phone body, then the lit screen inside its bezel.
        c.fill(0.0, 0.0, w, h, Rgb([30, 30, 34]));
        c.fill(3.0, 8.0, w - 6.0, h - 16.0, bg);
        c.fill(3.0, 8.0, w - 6.0, 12.0, accent);
        c.text(
            6.0,
            11.0,
            8.0,
            Face::SansBold,
            ink::WHITE,
            Align::Left,
            title,
        );
        draw_code(c, &code, 8.0, 32.0, w - 16.0, fg, bg);
        c.paragraph(8.0, 40.0 + w - 16.0, w - 16.0, 7.0, Face::Sans, fg, text);
    });
    Page {
        w_mm: 70.0,
        h_mm: 146.0,
        paper: Rgb([30, 30, 34]),
        side: None,
        art,
    }
}

impl Generator {
    /// A photo of pairing code number `index` on a card or a screen.
    pub fn pairing(&self, carrier: Carrier, index: u32) -> Result<Sample, CorpusError> {
        let kind_n = match carrier {
            Carrier::Card => 0,
            Carrier::Screen => 1,
        };
        let mut rng = rng_for(self.seed(), &[88, kind_n, u64::from(index)]);
        let text = payload(self.seed(), index * 2 + kind_n as u32);
        let lang = LANGS[rng.random_range(0..LANGS.len())];
        let accent = Rgb([
            rng.random_range(0..120),
            rng.random_range(40..140),
            rng.random_range(100..200),
        ]);
        let inverted = carrier == Carrier::Screen && rng.random_bool(0.5);
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(CorpusError::Qr)?;
        let page = match carrier {
            Carrier::Card => card(code, lang, accent),
            Carrier::Screen => screen(code, lang, inverted, accent),
        };
        let name = match carrier {
            Carrier::Card => "qr_card",
            Carrier::Screen => "qr_screen",
        };
        let deco = mix(self.seed(), &[88, kind_n, u64::from(index), 1]);
        let shot_seed = mix(self.seed(), &[88, kind_n, u64::from(index), 2]);
        let shot = shoot(self, &page, Variant::Photo, HD_FRAME, deco, shot_seed);
        let document = format!("{name}-{index:04}");
        Ok(Sample {
            quality: shot.quality,
            label: Label {
                file: format!("{document}-photo.jpg"),
                kind: if carrier == Carrier::Card {
                    Kind::QrCard
                } else {
                    Kind::QrScreen
                },
                document,
                page: 1,
                pages: 1,
                side: None,
                class: None,
                language: lang,
                variant: Variant::Photo,
                template: format!("{name}-{}", lang.code()),
                truth: Truth::default(),
                qr_payload: Some(text),
                inverted,
                rotation: shot.rotation,
                corners: shot.corners,
            },
            image: shot.image,
        })
    }

    /// A photo of a printed pairing card carrying `payload` (English headings), for tests that
    /// pair the kiosk with a vault of their own. `seed` decides how the card lies.
    pub fn pairing_card_photo(&self, payload: &str, seed: u64) -> Result<RgbImage, CorpusError> {
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
            .map_err(CorpusError::Qr)?;
        let page = card(code, Lang::En, Rgb([20, 70, 150]));
        Ok(shoot(self, &page, Variant::Photo, HD_FRAME, seed, mix(seed, &[2])).image)
    }
}
