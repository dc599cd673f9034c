//! Cards and booklets: identity cards, residence permits, passports, health cards.
//!
//! Identity cards and residence permits are ID-1 cards with a front (portrait, names, dates)
//! and a back (address, issuing authority, and the three-line TD1 machine-readable zone);
//! passports are the open booklet with the data page and its two-line TD3 zone. The zones are
//! printed in DejaVu Sans Mono at the ICAO pitch (2.54 mm per character) and their check
//! digits are right. Health cards carry no machine-readable zone, like the real ones.

use image::Rgb;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::admin::pick;
use super::{Art, Doc, ID1, Page};
use crate::corpus::fake::{self, Date, Person};
use crate::corpus::icao::{self, MrzData};
use crate::corpus::paint::{Align, Canvas, Face, ink};
use crate::corpus::{Lang, Truth};

/// A labelled field on a card: small grey label, bold value under it.
fn field(c: &mut Canvas, x: f32, y: f32, label: &str, value: &str, pt: f32) {
    c.text(x, y, pt * 0.62, Face::Sans, ink::GREY, Align::Left, label);
    c.text(
        x,
        y + c.line_height(pt * 0.62) * 0.85,
        pt,
        Face::SansBold,
        ink::BLACK,
        Align::Left,
        value,
    );
}

/// Prints machine-readable zone lines at the ICAO pitch, bottom-aligned at `bottom` (mm).
fn mrz_block(c: &mut Canvas, x: f32, bottom: f32, lines: &[String]) {
    let chars = lines.first().map_or(30, |l| l.chars().count()) as f32;
    // DejaVu Sans Mono measured at 10 pt, scaled so one character takes 2.54 mm.
    let probe = c.measure(10.0, Face::Mono, &"M".repeat(chars as usize));
    let pt = 10.0 * chars * 2.54 / probe.max(1.0);
    let pitch = 4.2;
    let mut y = bottom - pitch * lines.len() as f32;
    for line in lines {
        c.text(x, y, pt, Face::Mono, ink::BLACK, Align::Left, line);
        y += pitch;
    }
}

/// A pale security background: base tint plus guilloche lines.
fn background(c: &mut Canvas, tint: Rgb<u8>, lines: Rgb<u8>, rng: &mut ChaCha8Rng) {
    let (w, h) = (c.width_mm(), c.height_mm());
    c.fill(0.0, 0.0, w, h, tint);
    c.guilloche(0.0, h * 0.1, w, h * 0.8, lines, rng);
}

/// Everything an identity document shows about its holder and itself.
struct Holder {
    p: Person,
    number: String,
    issued: Date,
    expiry: Date,
    optional: String,
}

fn holder(rng: &mut ChaCha8Rng, lang: Lang, foreign: bool, years: i32, number: String) -> Holder {
    let p = fake::person(rng, lang, foreign);
    let issued = Date::between(rng, 2017, 2025);
    Holder {
        p,
        number,
        issued,
        expiry: issued.plus_years(years),
        optional: String::new(),
    }
}

fn mrz_data(h: &Holder, code: &str, state: &str) -> MrzData {
    MrzData {
        doc_code: code.into(),
        state: state.into(),
        number: h.number.clone(),
        surname: h.p.surname.clone(),
        given: h.p.given.clone(),
        nationality: h.p.nationality.into(),
        birth: h.p.birth.yymmdd(),
        sex: h.p.sex,
        expiry: h.expiry.yymmdd(),
        optional: h.optional.clone(),
    }
}

/// The wording of one kind of card, per country.
struct CardText {
    country: &'static str,
    title: &'static str,
    labels: [&'static str; 8],
    tint: Rgb<u8>,
    lines: Rgb<u8>,
    accent: Rgb<u8>,
    back_labels: [&'static str; 3],
    authority: String,
    extra: Option<(&'static str, String)>,
}

fn card_front(t: &CardText, h: &Holder, lang: Lang) -> Art {
    let (title, country, labels, tint, lines, accent) =
        (t.title, t.country, t.labels, t.tint, t.lines, t.accent);
    let values = [
        h.p.surname.to_uppercase(),
        h.p.given.to_uppercase(),
        h.p.sex.to_string(),
        h.p.nationality.to_string(),
        h.p.birth.numeric(if lang == Lang::Es { ' ' } else { '.' }),
        h.p.birthplace.to_uppercase(),
        h.number.clone(),
        h.expiry.numeric(if lang == Lang::Es { ' ' } else { '.' }),
    ];
    let extra = t.extra.clone();
    Box::new(move |c, r| {
        background(c, tint, lines, r);
        c.fill(0.0, 0.0, c.width_mm(), 9.5, accent);
        c.text(
            3.0,
            1.2,
            7.0,
            Face::SansBold,
            ink::WHITE,
            Align::Left,
            country,
        );
        c.text(3.0, 5.0, 5.5, Face::Sans, ink::WHITE, Align::Left, title);
        c.portrait(3.5, 12.5, 22.0, 29.0, r);
        let x = 29.0;
        let mut y = 11.5;
        field(c, x, y, labels[0], &values[0], 7.0);
        y += 6.2;
        field(c, x, y, labels[1], &values[1], 7.0);
        y += 6.2;
        field(c, x, y, labels[2], &values[2], 6.5);
        field(c, x + 14.0, y, labels[3], &values[3], 6.5);
        field(c, x + 30.0, y, labels[4], &values[4], 6.5);
        y += 6.2;
        field(c, x, y, labels[5], &values[5], 6.5);
        y += 6.2;
        field(c, x, y, labels[6], &values[6], 6.5);
        field(c, x + 30.0, y, labels[7], &values[7], 6.5);
        if let Some((label, value)) = &extra {
            field(c, 3.5, 44.5, label, value, 6.0);
        }
        c.signature(60.0, 45.0, 20.0, 6.0, r);
    })
}

fn card_back(t: &CardText, h: &Holder, mrz: [String; 3]) -> Art {
    let (labels, tint, lines) = (t.back_labels, t.tint, t.lines);
    let address = format!("{} {}", h.p.street.to_uppercase(), h.p.town.to_uppercase());
    let issued = h.issued.numeric('.');
    let authority = t.authority.clone();
    Box::new(move |c, r| {
        background(c, tint, lines, r);
        let w = c.width_mm() - 8.0;
        c.text(4.0, 4.0, 4.5, Face::Sans, ink::GREY, Align::Left, labels[0]);
        c.paragraph(
            4.0,
            6.5,
            w * 0.75,
            6.5,
            Face::SansBold,
            ink::BLACK,
            &address,
        );
        field(c, 4.0, 15.5, labels[1], &issued, 6.5);
        field(c, 42.0, 15.5, labels[2], &authority, 6.5);
        c.fill(
            0.0,
            c.height_mm() - 16.5,
            c.width_mm(),
            16.5,
            Rgb([250, 250, 250]),
        );
        mrz_block(c, 4.2, c.height_mm() - 2.0, &mrz);
    })
}

fn two_sided(template: String, t: CardText, h: Holder, code: &str, state: &str, lang: Lang) -> Doc {
    let mrz = icao::td1(&mrz_data(&h, code, state));
    let truth = Truth {
        mrz: Some(mrz.to_vec()),
        expiry: Some(h.expiry.iso()),
        ..Truth::default()
    };
    let front = card_front(&t, &h, lang);
    let back = card_back(&t, &h, mrz);
    let paper = t.tint;
    Doc {
        template,
        pages: vec![
            Page {
                w_mm: ID1.0,
                h_mm: ID1.1,
                paper,
                side: Some("front"),
                art: front,
            },
            Page {
                w_mm: ID1.0,
                h_mm: ID1.1,
                paper,
                side: Some("back"),
                art: back,
            },
        ],
        truth,
    }
}

/// A national identity card (France CNI, Spain DNI, Malta).
pub fn identity_card(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    match lang {
        Lang::Fr => {
            let number = format!(
                "{}{}{}",
                fake::letters(rng, 1),
                fake::digits(rng, 1),
                fake::letters(rng, 4)
            ) + &fake::digits(rng, 3);
            let h = holder(rng, lang, false, 10, number);
            let t = CardText {
                country: "RÉPUBLIQUE FRANÇAISE",
                title: "CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD",
                labels: [
                    "NOM / Surname",
                    "Prénoms / Given names",
                    "SEXE / Sex",
                    "NATIONALITÉ / Nationality",
                    "DATE DE NAISS. / Date of birth",
                    "LIEU DE NAISSANCE / Place of birth",
                    "N° DU DOCUMENT / Document No",
                    "DATE D'EXPIR. / Expiry date",
                ],
                tint: Rgb([232, 238, 248]),
                lines: Rgb([205, 190, 225]),
                accent: Rgb([0, 35, 120]),
                back_labels: [
                    "ADRESSE / Address",
                    "DATE DE DÉLIVRANCE / Date of issue",
                    "AUTORITÉ / Authority",
                ],
                authority: format!(
                    "PRÉFECTURE DE {}",
                    pick(rng, &["LA DRÔME", "L'ISÈRE", "L'ARDÈCHE", "DU RHÔNE"])
                ),
                extra: None,
            };
            two_sided("identity-cni-fr".into(), t, h, "ID", "FRA", lang)
        }
        Lang::Es => {
            let dni = rng.random_range(10_000_000..99_999_999u32);
            let number = format!("{}{}", fake::letters(rng, 3), fake::digits(rng, 6));
            let mut h = holder(rng, lang, false, 10, number);
            h.optional = format!("{dni}{}", fake::dni_letter(dni));
            let t = CardText {
                country: "REINO DE ESPAÑA",
                title: "DOCUMENTO NACIONAL DE IDENTIDAD",
                labels: [
                    "APELLIDOS",
                    "NOMBRE",
                    "SEXO",
                    "NACIONALIDAD",
                    "FECHA DE NACIMIENTO",
                    "LUGAR DE NACIMIENTO",
                    "NUM SOPORT",
                    "VÁLIDO HASTA",
                ],
                tint: Rgb([246, 236, 226]),
                lines: Rgb([220, 200, 180]),
                accent: Rgb([160, 20, 30]),
                back_labels: ["DOMICILIO", "FECHA DE EXPEDICIÓN", "EQUIPO"],
                authority: format!("{}{}", fake::digits(rng, 5), fake::letters(rng, 2)),
                extra: Some(("DNI", h.optional.clone())),
            };
            two_sided("identity-dni-es".into(), t, h, "ID", "ESP", lang)
        }
        Lang::En => {
            let number = format!("{}{}", fake::digits(rng, 7), pick(rng, &["M", "G", "A"]));
            let mut h = holder(rng, lang, false, 10, number);
            h.p.nationality = "MLT";
            let t = CardText {
                country: "MALTA",
                title: "IDENTITY CARD / KARTA TAL-IDENTITÀ",
                labels: [
                    "Surname",
                    "Given names",
                    "Sex",
                    "Nationality",
                    "Date of birth",
                    "Place of birth",
                    "Document No",
                    "Date of expiry",
                ],
                tint: Rgb([234, 244, 236]),
                lines: Rgb([190, 220, 200]),
                accent: Rgb([190, 20, 40]),
                back_labels: ["Address", "Date of issue", "Issuing authority"],
                authority: "IDENTITY MALTA".into(),
                extra: None,
            };
            two_sided("identity-mlt-en".into(), t, h, "ID", "MLT", lang)
        }
    }
}

/// A residence permit card (France titre de séjour, Spain TIE, UK BRP).
pub fn residence_permit(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let years = pick(rng, &[1, 2, 4, 5, 10]);
    match lang {
        Lang::Fr => {
            let number = format!("{}{}", fake::digits(rng, 2), fake::letters(rng, 2))
                + &fake::digits(rng, 5);
            let h = holder(rng, lang, true, years, number);
            let kind = pick(
                rng,
                &[
                    "CARTE DE SÉJOUR TEMPORAIRE",
                    "CARTE DE SÉJOUR PLURIANNUELLE",
                    "CARTE DE RÉSIDENT",
                ],
            );
            let t = CardText {
                country: "RÉPUBLIQUE FRANÇAISE",
                title: "TITRE DE SÉJOUR / RESIDENCE PERMIT",
                labels: [
                    "NOM / Surname",
                    "Prénoms / Given names",
                    "SEXE",
                    "NATIONALITÉ",
                    "DATE DE NAISS.",
                    "LIEU DE NAISSANCE",
                    "N° DU TITRE",
                    "VALABLE JUSQU'AU",
                ],
                tint: Rgb([228, 242, 240]),
                lines: Rgb([180, 215, 210]),
                accent: Rgb([0, 80, 110]),
                back_labels: ["ADRESSE", "DATE DE DÉLIVRANCE", "REMARQUES"],
                authority: "AUTORISE SON TITULAIRE À TRAVAILLER".into(),
                extra: Some(("TYPE DE TITRE", kind.into())),
            };
            two_sided("permit-titre-fr".into(), t, h, "IR", "FRA", lang)
        }
        Lang::Es => {
            let number = format!("E{}", fake::digits(rng, 8));
            let mut h = holder(rng, lang, true, years, number);
            h.optional = fake::nie(rng);
            let t = CardText {
                country: "ESPAÑA",
                title: "TARJETA DE IDENTIDAD DE EXTRANJERO",
                labels: [
                    "APELLIDOS",
                    "NOMBRE",
                    "SEXO",
                    "NACIONALIDAD",
                    "FECHA DE NACIMIENTO",
                    "LUGAR DE NACIMIENTO",
                    "Nº SOPORTE",
                    "VÁLIDO HASTA",
                ],
                tint: Rgb([246, 232, 236]),
                lines: Rgb([225, 195, 205]),
                accent: Rgb([150, 30, 60]),
                back_labels: ["DOMICILIO", "FECHA DE EXPEDICIÓN", "TIPO DE PERMISO"],
                authority: pick(
                    rng,
                    &[
                        "RESIDENCIA TEMPORAL Y TRABAJO",
                        "RESIDENCIA LARGA DURACIÓN",
                        "PROTECCIÓN INTERNACIONAL",
                    ],
                )
                .into(),
                extra: Some(("N.I.E.", h.optional.clone())),
            };
            two_sided("permit-tie-es".into(), t, h, "IR", "ESP", lang)
        }
        Lang::En => {
            let number = format!("{}{}", pick(rng, &["ZR", "ZU", "RF"]), fake::digits(rng, 7));
            let h = holder(rng, lang, true, years, number);
            let t = CardText {
                country: "UNITED KINGDOM",
                title: "RESIDENCE PERMIT",
                labels: [
                    "Surname",
                    "Given names",
                    "Sex",
                    "Nationality",
                    "Date of birth",
                    "Place of birth",
                    "Card No",
                    "Valid until",
                ],
                tint: Rgb([240, 234, 246]),
                lines: Rgb([210, 195, 230]),
                accent: Rgb([80, 40, 120]),
                back_labels: ["Address", "Date of issue", "Remarks"],
                authority: pick(
                    rng,
                    &["LEAVE TO REMAIN", "INDEFINITE LEAVE", "REFUGEE STATUS"],
                )
                .into(),
                extra: Some(("Type of permit", "BIOMETRIC RESIDENCE PERMIT".into())),
            };
            two_sided("permit-brp-en".into(), t, h, "IR", "GBR", lang)
        }
    }
}

/// A passport, photographed open at its data page.
pub fn passport(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let (number, state, country, title, labels, cover) = match lang {
        Lang::Fr => (
            format!(
                "{}{}{}",
                fake::digits(rng, 2),
                fake::letters(rng, 2),
                fake::digits(rng, 5)
            ),
            "FRA",
            "RÉPUBLIQUE FRANÇAISE",
            "PASSEPORT / PASSPORT",
            [
                "Type",
                "Code du pays",
                "Passeport n°",
                "Nom / Surname",
                "Prénoms / Given names",
                "Nationalité",
                "Date de naissance",
                "Sexe",
                "Lieu de naissance",
                "Date de délivrance",
                "Date d'expiration",
                "Autorité",
            ],
            Rgb([120, 20, 40]),
        ),
        Lang::Es => (
            format!("{}{}", fake::letters(rng, 3), fake::digits(rng, 6)),
            "ESP",
            "REINO DE ESPAÑA",
            "PASAPORTE / PASSPORT",
            [
                "Tipo",
                "Código",
                "Pasaporte nº",
                "Apellidos",
                "Nombre",
                "Nacionalidad",
                "Fecha de nacimiento",
                "Sexo",
                "Lugar de nacimiento",
                "Fecha de expedición",
                "Fecha de caducidad",
                "Autoridad",
            ],
            Rgb([130, 20, 30]),
        ),
        Lang::En => (
            fake::digits(rng, 9),
            "GBR",
            "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND",
            "PASSPORT",
            [
                "Type",
                "Code",
                "Passport No.",
                "Surname",
                "Given names",
                "Nationality",
                "Date of birth",
                "Sex",
                "Place of birth",
                "Date of issue",
                "Date of expiry",
                "Authority",
            ],
            Rgb([20, 30, 70]),
        ),
    };
    let h = holder(rng, lang, false, 10, number);
    let authority = match lang {
        Lang::Fr => format!("Préfecture de {}", fake::town(rng, lang)),
        Lang::Es => format!("DGP {}", fake::town(rng, lang)),
        Lang::En => "HMPO".into(),
    };
    let mrz = icao::td3(&mrz_data(&h, "P", state));
    let truth = Truth {
        mrz: Some(mrz.to_vec()),
        expiry: Some(h.expiry.iso()),
        ..Truth::default()
    };
    let date = |d: Date| match lang {
        Lang::En => d.short(lang).to_uppercase(),
        _ => d.numeric(' '),
    };
    let values = [
        "P".to_string(),
        state.to_string(),
        h.number.clone(),
        h.p.surname.to_uppercase(),
        h.p.given.to_uppercase(),
        h.p.nationality.to_string(),
        date(h.p.birth),
        h.p.sex.to_string(),
        h.p.birthplace.to_uppercase(),
        date(h.issued),
        date(h.expiry),
        authority,
    ];
    let observations = match lang {
        Lang::Fr => "OBSERVATIONS / OBSERVATIONS",
        Lang::Es => "OBSERVACIONES / OBSERVATIONS",
        Lang::En => "OBSERVATIONS",
    };
    let art: Art = Box::new(move |c, r| {
        let (w, half) = (c.width_mm(), c.height_mm() / 2.0);
        // Upper page of the open booklet.
        c.fill(0.0, 0.0, w, half, Rgb([238, 232, 240]));
        c.guilloche(0.0, 5.0, w, half - 10.0, Rgb([215, 200, 225]), r);
        c.text(
            w / 2.0,
            8.0,
            6.0,
            Face::Sans,
            ink::GREY,
            Align::Center,
            observations,
        );
        c.fill(0.0, half - 0.3, w, 0.6, Rgb([150, 140, 150]));
        // Data page.
        c.fill(0.0, half, w, half, Rgb([236, 240, 232]));
        c.guilloche(0.0, half + 10.0, w, half - 32.0, Rgb([205, 220, 200]), r);
        c.text(
            4.0,
            half + 3.0,
            7.5,
            Face::SansBold,
            cover,
            Align::Left,
            country,
        );
        c.text(
            4.0,
            half + 7.0,
            6.5,
            Face::SansBold,
            cover,
            Align::Left,
            title,
        );
        c.portrait(5.0, half + 14.0, 30.0, 39.0, r);
        let x = 40.0;
        let y0 = half + 13.0;
        field(c, x, y0, labels[0], &values[0], 7.0);
        field(c, x + 14.0, y0, labels[1], &values[1], 7.0);
        field(c, x + 40.0, y0, labels[2], &values[2], 7.5);
        for (i, row) in [(3usize, 0.0f32), (4, 0.0)].iter().enumerate() {
            field(
                c,
                x,
                y0 + 6.5 * (i + 1) as f32,
                labels[row.0],
                &values[row.0],
                7.5,
            );
        }
        let y = y0 + 6.5 * 3.0;
        field(c, x, y, labels[5], &values[5], 7.0);
        field(c, x + 40.0, y, labels[6], &values[6], 7.0);
        field(c, x, y + 6.5, labels[7], &values[7], 7.0);
        field(c, x + 14.0, y + 6.5, labels[8], &values[8], 7.0);
        field(c, x, y + 13.0, labels[9], &values[9], 7.0);
        field(c, x + 40.0, y + 13.0, labels[10], &values[10], 7.0);
        field(c, x, y + 19.5, labels[11], &values[11], 7.0);
        c.fill(0.0, 2.0 * half - 14.0, w, 14.0, Rgb([248, 248, 246]));
        mrz_block(c, 6.0, 2.0 * half - 2.5, &mrz);
    });
    Doc {
        template: format!("passport-{}", lang.code()),
        pages: vec![Page {
            w_mm: 125.0,
            h_mm: 176.0,
            paper: Rgb([238, 236, 236]),
            side: None,
            art,
        }],
        truth,
    }
}

/// A health card (carte Vitale, tarjeta sanitaria, GHIC): one side, no machine-readable zone.
pub fn health_card(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let p = {
        let foreign = rng.random_bool(0.3);
        fake::person(rng, lang, foreign)
    };
    let expiry = Date::between(rng, 2026, 2031);
    let (template, tint, accent, title, lines, show_expiry) = match lang {
        Lang::Fr => {
            let nir = fake::nir(rng, &p);
            (
                "health-vitale-fr",
                Rgb([200, 230, 200]),
                Rgb([0, 130, 70]),
                "carte Vitale",
                vec![
                    p.given.clone(),
                    p.surname.to_uppercase(),
                    nir,
                    format!(
                        "Carte émise le {}",
                        Date::between(rng, 2015, 2025).numeric('/')
                    ),
                ],
                false,
            )
        }
        Lang::Es => {
            let region = pick(
                rng,
                &[
                    "Servicio Madrileño de Salud",
                    "Servicio Andaluz de Salud",
                    "Servicio Aragonés de Salud",
                    "Osakidetza",
                ],
            );
            (
                "health-tsi-es",
                Rgb([225, 240, 250]),
                Rgb([0, 110, 170]),
                "TARJETA SANITARIA",
                vec![
                    region.to_string(),
                    p.admin_name(),
                    format!("CIP: {}{}", fake::letters(rng, 4), fake::digits(rng, 10)),
                    format!("Código SNS: BBBB{}", fake::digits(rng, 12)),
                    format!("Caducidad: {}", expiry.numeric('/')),
                ],
                true,
            )
        }
        Lang::En => (
            "health-ghic-en",
            Rgb([215, 230, 250]),
            Rgb([0, 60, 150]),
            "UK Global Health Insurance Card",
            vec![
                format!("3. Name: {}", p.surname.to_uppercase()),
                format!("4. Given names: {}", p.given.to_uppercase()),
                format!("5. Date of birth: {}", p.birth.numeric('/')),
                format!(
                    "6. Personal identification number: {}",
                    fake::digits(rng, 10)
                ),
                format!("7. Institution: NHSBSA — {}", fake::digits(rng, 4)),
                format!("8. Card number: {}", fake::digits(rng, 20)),
                format!("9. Expiry date: {}", expiry.numeric('/')),
            ],
            true,
        ),
    };
    let art: Art = Box::new(move |c, r| {
        c.fill(0.0, 0.0, c.width_mm(), c.height_mm(), tint);
        c.guilloche(
            0.0,
            30.0,
            c.width_mm(),
            20.0,
            Rgb([tint[0] - 20, tint[1] - 20, tint[2] - 20]),
            r,
        );
        c.fill(0.0, 0.0, c.width_mm(), 10.0, accent);
        c.text(
            4.0,
            2.0,
            9.0,
            Face::SansBold,
            ink::WHITE,
            Align::Left,
            title,
        );
        let mut y = 13.0;
        for line in &lines {
            c.text(4.0, y, 6.2, Face::SansBold, ink::BLACK, Align::Left, line);
            y += 5.0;
        }
        c.fill(c.width_mm() - 16.0, 13.0, 11.0, 9.0, Rgb([210, 180, 90]));
    });
    Doc {
        template: template.into(),
        pages: vec![Page {
            w_mm: ID1.0,
            h_mm: ID1.1,
            paper: tint,
            side: Some("front"),
            art,
        }],
        truth: Truth {
            expiry: show_expiry.then(|| expiry.iso()),
            ..Truth::default()
        },
    }
}
