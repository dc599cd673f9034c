//! Everyday papers that are not administrative: a shopping list, a café menu, a flyer, a
//! personal letter. Residents lay these under the camera too, by mistake or on purpose; the
//! kiosk must call them `other` and never take them for an identity document.

use image::Rgb;
use rand::RngExt;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::admin::{accent, pick};
use super::{A4, Doc, Page};
use crate::corpus::fake::{self, Date, money};
use crate::corpus::paint::{Align, Face, ink};
use crate::corpus::{Lang, Truth};

const GROCERIES: [&[&str]; 3] = [
    &[
        "pain",
        "lait",
        "œufs x12",
        "tomates",
        "riz",
        "huile d'olive",
        "lessive",
        "pommes",
        "café",
        "yaourts",
        "beurre",
        "pâtes",
        "savon",
        "oignons",
        "fromage râpé",
    ],
    &[
        "pan",
        "leche",
        "huevos (docena)",
        "tomates",
        "arroz",
        "aceite de oliva",
        "detergente",
        "manzanas",
        "café",
        "yogures",
        "mantequilla",
        "macarrones",
        "jabón",
        "cebollas",
        "queso",
    ],
    &[
        "bread",
        "milk",
        "eggs x12",
        "tomatoes",
        "rice",
        "olive oil",
        "washing powder",
        "apples",
        "coffee",
        "yoghurts",
        "butter",
        "pasta",
        "soap",
        "onions",
        "cheddar",
    ],
];

fn idx(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::Es => 1,
        Lang::En => 2,
    }
}

/// A random non-administrative paper.
pub fn other(lang: Lang, rng: &mut ChaCha8Rng) -> Doc {
    let (template, page) = match rng.random_range(0..4) {
        0 => ("other-shopping", shopping_list(lang, rng)),
        1 => ("other-menu", menu(lang, rng)),
        2 => ("other-flyer", flyer(lang, rng)),
        _ => ("other-letter", personal_letter(lang, rng)),
    };
    Doc {
        template: format!("{template}-{}", lang.code()),
        pages: vec![page],
        truth: Truth::default(),
    }
}

fn shopping_list(lang: Lang, rng: &mut ChaCha8Rng) -> Page {
    let mut items: Vec<&str> = GROCERIES[idx(lang)].to_vec();
    items.shuffle(rng);
    items.truncate(rng.random_range(5..11));
    let heading = pick(
        rng,
        &[
            ["Courses", "Compra", "Shopping"],
            ["À acheter", "Lista de la compra", "To buy"],
        ],
    )[idx(lang)];
    let pt = rng.random_range(16.0..22.0f32);
    Page {
        w_mm: 148.0,
        h_mm: 210.0,
        paper: Rgb([250, 248, 238]),
        side: None,
        art: Box::new(move |c, r| {
            let line = c.line_height(pt);
            let mut y = 25.0;
            while y < c.height_mm() - 5.0 {
                c.hrule(
                    0.0,
                    y + line * 0.8,
                    c.width_mm(),
                    0.25,
                    Rgb([170, 190, 220]),
                );
                y += line;
            }
            c.fill(20.0, 0.0, 0.4, c.height_mm(), Rgb([220, 120, 120]));
            c.text(
                26.0,
                25.0 - line,
                pt + 2.0,
                Face::Oblique,
                ink::PEN,
                Align::Left,
                heading,
            );
            for (i, item) in items.iter().enumerate() {
                let x = 26.0 + r.random_range(-1.5..1.5f32);
                c.text(
                    x,
                    25.0 + i as f32 * line,
                    pt,
                    Face::Oblique,
                    ink::PEN,
                    Align::Left,
                    &format!("- {item}"),
                );
            }
        }),
    }
}

fn menu(lang: Lang, rng: &mut ChaCha8Rng) -> Page {
    let name = pick(
        rng,
        &[
            "Le Petit Zinc",
            "Casa Lola",
            "The Old Oak",
            "Chez Nadia",
            "La Tasca del Puerto",
            "The Corner Café",
        ],
    );
    let sections: [[&str; 3]; 3] = [
        ["Entrées", "Entrantes", "Starters"],
        ["Plats", "Platos principales", "Mains"],
        ["Desserts", "Postres", "Desserts"],
    ];
    let dishes: [[&[&str]; 3]; 3] = [
        [
            &[
                "Soupe à l'oignon",
                "Salade de chèvre chaud",
                "Œuf mayonnaise",
            ],
            &["Gazpacho andaluz", "Croquetas caseras", "Ensalada mixta"],
            &["Soup of the day", "Garlic mushrooms", "Prawn cocktail"],
        ],
        [
            &[
                "Bœuf bourguignon",
                "Poulet rôti, frites",
                "Couscous aux légumes",
            ],
            &[
                "Paella valenciana",
                "Merluza a la romana",
                "Cocido madrileño",
            ],
            &["Fish and chips", "Shepherd's pie", "Vegetable curry"],
        ],
        [
            &["Tarte aux pommes", "Crème brûlée", "Mousse au chocolat"],
            &["Flan de la casa", "Arroz con leche", "Tarta de queso"],
            &["Sticky toffee pudding", "Apple crumble", "Ice cream"],
        ],
    ];
    let l = idx(lang);
    let prices: Vec<i64> = (0..9)
        .map(|_| rng.random_range(450..1900) / 50 * 50)
        .collect();
    let color = accent(rng);
    let subtitle = pick(
        rng,
        &[
            ["Menu du jour", "Menú del día", "Today's menu"],
            ["La carte", "Carta", "Menu"],
        ],
    )[l];
    Page {
        w_mm: A4.0,
        h_mm: A4.1,
        paper: Rgb([253, 250, 242]),
        side: None,
        art: Box::new(move |c, _r| {
            let cx = c.width_mm() / 2.0;
            c.text(cx, 22.0, 30.0, Face::SerifBold, color, Align::Center, name);
            c.text(
                cx,
                40.0,
                16.0,
                Face::Serif,
                ink::GREY,
                Align::Center,
                subtitle,
            );
            let mut y = 60.0;
            for (s, section) in sections.iter().enumerate() {
                c.text(
                    cx,
                    y,
                    18.0,
                    Face::SerifBold,
                    color,
                    Align::Center,
                    section[l],
                );
                y += 12.0;
                for (d, dish) in dishes[s][l].iter().enumerate() {
                    c.text(35.0, y, 13.0, Face::Serif, ink::BLACK, Align::Left, dish);
                    c.text(
                        c.width_mm() - 35.0,
                        y,
                        13.0,
                        Face::Serif,
                        ink::BLACK,
                        Align::Right,
                        &money(lang, prices[s * 3 + d]),
                    );
                    y += 9.0;
                }
                y += 8.0;
            }
        }),
    }
}

fn flyer(lang: Lang, rng: &mut ChaCha8Rng) -> Page {
    let l = idx(lang);
    let when = Date::between(rng, 2025, 2027);
    let town = fake::town(rng, lang);
    let (title, lines) = pick(
        rng,
        &[
            (
                ["VIDE-GRENIER", "MERCADILLO SOLIDARIO", "CAR BOOT SALE"],
                [
                    "Place de l'église — de 8 h à 18 h",
                    "Plaza Mayor — de 9:00 a 14:00",
                    "Village hall car park — 8am to 2pm",
                ],
            ),
            (
                ["CONCERT GRATUIT", "CONCIERTO GRATUITO", "FREE CONCERT"],
                [
                    "Fanfare municipale et chorale des écoles",
                    "Banda municipal y coro del barrio",
                    "Brass band and community choir",
                ],
            ),
            (
                [
                    "ATELIER CUISINE DU MONDE",
                    "TALLER DE COCINA DEL MUNDO",
                    "WORLD KITCHEN WORKSHOP",
                ],
                [
                    "Venez partager vos recettes ! Ouvert à tous",
                    "¡Ven a compartir tus recetas! Abierto a todos",
                    "Come and share your recipes! Everyone welcome",
                ],
            ),
        ],
    );
    let extra = [
        "Buvette et petite restauration sur place",
        "Habrá bebidas y algo de picar",
        "Refreshments available",
    ][l];
    let color = accent(rng);
    let shapes = rng.random_range(3..7);
    let seeds: Vec<(f32, f32, f32)> = (0..shapes)
        .map(|_| {
            (
                rng.random_range(0.0..210.0),
                rng.random_range(0.0..297.0),
                rng.random_range(8.0..30.0),
            )
        })
        .collect();
    Page {
        w_mm: A4.0,
        h_mm: A4.1,
        paper: Rgb([255, 255, 255]),
        side: None,
        art: Box::new(move |c, _r| {
            for &(x, y, r) in &seeds {
                c.disc(
                    x,
                    y,
                    r,
                    Rgb([color[0] / 3 + 170, color[1] / 3 + 170, color[2] / 3 + 170]),
                );
            }
            let cx = c.width_mm() / 2.0;
            c.fill(0.0, 40.0, c.width_mm(), 30.0, color);
            c.text(
                cx,
                45.0,
                34.0,
                Face::SansBold,
                ink::WHITE,
                Align::Center,
                title[l],
            );
            c.text(
                cx,
                95.0,
                40.0,
                Face::SansBold,
                ink::BLACK,
                Align::Center,
                &when.long(lang),
            );
            c.text(cx, 125.0, 26.0, Face::Sans, ink::BLACK, Align::Center, town);
            let body = lines[l];
            let y = c.paragraph(
                25.0,
                150.0,
                c.width_mm() - 50.0,
                18.0,
                Face::Sans,
                ink::BLACK,
                body,
            );
            c.paragraph(
                25.0,
                y + 10.0,
                c.width_mm() - 50.0,
                14.0,
                Face::Oblique,
                ink::GREY,
                extra,
            );
        }),
    }
}

fn personal_letter(lang: Lang, rng: &mut ChaCha8Rng) -> Page {
    let from = fake::person(rng, lang, false);
    let to = fake::person(rng, lang, false);
    let when = Date::between(rng, 2024, 2026);
    let body = [
        format!("Chère {},\n\nMerci beaucoup pour ta carte, elle m'a fait très plaisir. Ici tout va bien : le jardin commence à donner des tomates et les enfants ont repris l'école. Nous pensons venir vous voir pendant les vacances, si cela vous convient. Dis-moi quelles dates t'arrangent.\n\nJe t'embrasse,\n{}", to.given, from.given),
        format!("Querida {}:\n\n¡Qué alegría recibir tu carta! Por aquí todo bien, aunque hace mucho calor. El sábado celebramos el cumpleaños de la abuela en el pueblo y nos acordamos mucho de ti. A ver si este verano venís unos días y damos un paseo por la playa como antes.\n\nUn abrazo muy fuerte,\n{}", to.given, from.given),
        format!("Dear {},\n\nThank you so much for the lovely flowers. It was a wonderful surprise and they are still brightening up the kitchen. We have had a busy month with the allotment and the grandchildren visiting. Do come for tea when you are next in town; we would love to see you.\n\nWith love,\n{}", to.given, from.given),
    ][idx(lang)].clone();
    let place = format!("{}, {}", fake::town(rng, lang), when.long(lang));
    let pt = rng.random_range(12.0..15.0f32);
    let face = if rng.random_bool(0.5) {
        Face::Oblique
    } else {
        Face::Serif
    };
    Page {
        w_mm: A4.0,
        h_mm: A4.1,
        paper: Rgb([251, 249, 244]),
        side: None,
        art: Box::new(move |c, _r| {
            c.text(
                c.width_mm() - 25.0,
                25.0,
                pt,
                face,
                ink::PEN,
                Align::Right,
                &place,
            );
            let mut y = 50.0;
            for para in body.split('\n') {
                y = if para.is_empty() {
                    y + c.line_height(pt) * 0.5
                } else {
                    c.paragraph(25.0, y, c.width_mm() - 50.0, pt, face, ink::PEN, para)
                };
            }
        }),
    }
}
