//! The A4 layout most administrative papers share: an issuer header, the addressee, a title,
//! references, then paragraphs, field lists and tables, and a footer.
//!
//! Templates fill a [`Letter`] with content; [`Letter::page`] draws it in a [`Style`] drawn
//! at random (typeface, sizes, margins, banner or plain title, table ruling, logo side), so
//! that two documents of the same kind rarely look alike.

use image::Rgb;
use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::{A4, Page};
use crate::corpus::paint::{Align, Canvas, Face, ink};

/// The issuer's mark at the top of the page.
#[derive(Debug, Clone)]
pub enum Mark {
    /// A coloured shape with initials (kind 0–3 picks the shape).
    Logo(Rgb<u8>, String, u32),
    /// The French state's tricolour block.
    Marianne,
    /// Nothing (private letters).
    None,
}

/// A table of rows under a header.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column titles.
    pub head: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
    /// Relative column widths.
    pub widths: Vec<f32>,
}

/// A piece of the letter's body, drawn top to bottom.
#[derive(Debug, Clone)]
pub enum Block {
    /// A wrapped paragraph.
    Para(String),
    /// A bold section heading.
    Heading(String),
    /// `label: value` lines in two columns.
    Fields(Vec<(String, String)>),
    /// A table.
    Table(Table),
    /// A highlighted total (`Net à payer … 1 523,40 €`).
    Total(String, String),
    /// Vertical space in mm.
    Space(f32),
}

/// An administrative letter or form.
#[derive(Debug, Clone)]
pub struct Letter {
    /// The issuer's name.
    pub issuer: String,
    /// Lines under the issuer's name (address, phone, web).
    pub issuer_lines: Vec<String>,
    /// The issuer's mark.
    pub mark: Mark,
    /// Accent colour (banners, rules).
    pub accent: Rgb<u8>,
    /// The addressee's block (name, street, town); empty for forms without one.
    pub recipient: Vec<String>,
    /// `Lyon, le 12 mars 2026`, if printed.
    pub place_date: Option<String>,
    /// The document's title.
    pub title: String,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// Reference lines (`N° allocataire`, `Date`…).
    pub refs: Vec<(String, String)>,
    /// The body.
    pub blocks: Vec<Block>,
    /// A signature's caption, if signed.
    pub signed_by: Option<String>,
    /// An ink stamp's lines, if stamped.
    pub stamp: Option<Vec<String>>,
    /// Footer lines (legal mentions).
    pub footer: Vec<String>,
}

impl Letter {
    /// A letter from `issuer` titled `title`, with everything else empty.
    pub fn new(issuer: &str, mark: Mark, accent: Rgb<u8>, title: &str) -> Letter {
        Letter {
            issuer: issuer.into(),
            issuer_lines: Vec::new(),
            mark,
            accent,
            recipient: Vec::new(),
            place_date: None,
            title: title.into(),
            subtitle: None,
            refs: Vec::new(),
            blocks: Vec::new(),
            signed_by: None,
            stamp: None,
            footer: Vec::new(),
        }
    }

    /// Draws the letter as an A4 page in a random style.
    pub fn page(self, rng: &mut ChaCha8Rng) -> Page {
        let style = Style::random(rng);
        Page {
            w_mm: A4.0,
            h_mm: A4.1,
            paper: Rgb([252, 252, 250]),
            side: None,
            art: Box::new(move |c, r| draw(&self, &style, c, r)),
        }
    }
}

/// How a letter is laid out.
#[derive(Debug, Clone)]
pub struct Style {
    body: Face,
    bold: Face,
    pt: f32,
    margin: f32,
    logo_right: bool,
    banner: bool,
    title_centered: bool,
    grid_table: bool,
    refs_boxed: bool,
    recipient_left: bool,
}

impl Style {
    /// A random style.
    pub fn random(rng: &mut ChaCha8Rng) -> Style {
        let (body, bold) = *[
            (Face::Sans, Face::SansBold),
            (Face::Serif, Face::SerifBold),
            (Face::Condensed, Face::CondensedBold),
        ]
        .choose(rng)
        .unwrap_or(&(Face::Sans, Face::SansBold));
        Style {
            body,
            bold,
            pt: rng.random_range(9.0..11.5),
            margin: rng.random_range(14.0..24.0),
            logo_right: rng.random_bool(0.3),
            banner: rng.random_bool(0.35),
            title_centered: rng.random_bool(0.5),
            grid_table: rng.random_bool(0.5),
            refs_boxed: rng.random_bool(0.4),
            recipient_left: rng.random_bool(0.2),
        }
    }
}

fn draw(l: &Letter, s: &Style, c: &mut Canvas, rng: &mut ChaCha8Rng) {
    let m = s.margin;
    let width = c.width_mm() - 2.0 * m;
    let right = c.width_mm() - m;
    let pt = s.pt;
    let lh = c.line_height(pt);
    // Header: mark and issuer block on one side.
    let mut y = m;
    let header_x = if s.logo_right { right - 60.0 } else { m };
    match &l.mark {
        Mark::Logo(color, initials, kind) => {
            c.logo(header_x, y, 14.0, *color, initials, *kind);
            c.text(
                header_x + 17.0,
                y + 1.0,
                pt + 3.0,
                s.bold,
                *color,
                Align::Left,
                &l.issuer,
            );
        }
        Mark::Marianne => {
            c.marianne(header_x, y, 12.0);
            c.text(
                header_x + 24.0,
                y + 1.0,
                pt + 2.0,
                s.bold,
                ink::BLACK,
                Align::Left,
                &l.issuer,
            );
        }
        Mark::None => {
            c.text(
                header_x,
                y,
                pt + 2.0,
                s.bold,
                ink::BLACK,
                Align::Left,
                &l.issuer,
            );
        }
    }
    let mut hy = y + 1.0 + c.line_height(pt + 3.0);
    for line in &l.issuer_lines {
        c.text(
            header_x + 17.0,
            hy,
            pt - 1.5,
            s.body,
            ink::GREY,
            Align::Left,
            line,
        );
        hy += c.line_height(pt - 1.5);
    }
    y = hy.max(y + 26.0) + 4.0;
    // Addressee (window-envelope position) and place/date.
    if !l.recipient.is_empty() {
        let rx = if s.recipient_left {
            m
        } else {
            c.width_mm() * 0.55
        };
        let mut ry = y;
        for (i, line) in l.recipient.iter().enumerate() {
            let face = if i == 0 { s.bold } else { s.body };
            c.text(rx, ry, pt, face, ink::BLACK, Align::Left, line);
            ry += lh;
        }
        y = ry + 4.0;
    }
    if let Some(pd) = &l.place_date {
        c.text(right, y, pt, s.body, ink::BLACK, Align::Right, pd);
        y += lh + 2.0;
    }
    // References.
    if !l.refs.is_empty() {
        let top = y;
        let x = m + if s.refs_boxed { 3.0 } else { 0.0 };
        y += if s.refs_boxed { 2.5 } else { 0.0 };
        for (k, v) in &l.refs {
            let w = c.text(
                x,
                y,
                pt - 0.5,
                s.body,
                ink::GREY,
                Align::Left,
                &format!("{k} :"),
            );
            c.text(x + w + 2.0, y, pt - 0.5, s.bold, ink::BLACK, Align::Left, v);
            y += c.line_height(pt - 0.5);
        }
        if s.refs_boxed {
            y += 1.5;
            c.outline(m, top, width * 0.6, y - top, 0.3, ink::GREY);
        }
        y += 4.0;
    }
    // Title.
    let tpt = pt + 5.0;
    let title_lines = c.wrap(tpt, s.bold, width - 8.0, &l.title);
    let th = c.line_height(tpt) * title_lines.len() as f32;
    if s.banner {
        c.fill(m, y - 1.5, width, th + 4.0, l.accent);
    }
    let color = if s.banner { ink::WHITE } else { ink::BLACK };
    for line in &title_lines {
        if s.title_centered {
            c.text(m + width / 2.0, y, tpt, s.bold, color, Align::Center, line);
        } else {
            c.text(m + 3.0, y, tpt, s.bold, color, Align::Left, line);
        }
        y += c.line_height(tpt);
    }
    y += 3.0;
    if let Some(sub) = &l.subtitle {
        y = c.paragraph(m, y, width, pt, s.body, ink::GREY, sub) + 2.0;
    }
    if !s.banner {
        c.hrule(m, y, width, 0.5, l.accent);
        y += 4.0;
    }
    // Body.
    let bottom = c.height_mm() - m - 14.0;
    for block in &l.blocks {
        if y > bottom {
            break;
        }
        y = match block {
            Block::Para(t) => c.paragraph(m, y, width, pt, s.body, ink::BLACK, t) + lh * 0.5,
            Block::Heading(t) => {
                y += 2.0;
                c.text(m, y, pt + 1.0, s.bold, l.accent, Align::Left, t);
                y + c.line_height(pt + 1.0) + 1.0
            }
            Block::Fields(fields) => {
                let key_w = fields
                    .iter()
                    .map(|(k, _)| c.measure(pt, s.body, k))
                    .fold(0.0, f32::max)
                    .min(width * 0.5);
                for (k, v) in fields {
                    c.text(m, y, pt, s.body, ink::GREY, Align::Left, k);
                    let vy = c.paragraph(
                        m + key_w + 6.0,
                        y,
                        width - key_w - 6.0,
                        pt,
                        s.bold,
                        ink::BLACK,
                        v,
                    );
                    y = vy.max(y + lh);
                }
                y + lh * 0.5
            }
            Block::Table(t) => table(c, s, l.accent, m, y, width, t),
            Block::Total(k, v) => {
                let h = c.line_height(pt + 2.0) + 3.0;
                c.fill(m + width * 0.45, y, width * 0.55, h, ink::SHADE);
                c.text(
                    m + width * 0.47,
                    y + 1.5,
                    pt + 2.0,
                    s.bold,
                    ink::BLACK,
                    Align::Left,
                    k,
                );
                c.text(
                    right - 2.0,
                    y + 1.5,
                    pt + 2.0,
                    s.bold,
                    ink::BLACK,
                    Align::Right,
                    v,
                );
                y + h + lh
            }
            Block::Space(mm) => y + mm,
        };
    }
    // Signature and stamp.
    if l.signed_by.is_some() || l.stamp.is_some() {
        let sy = (y + 4.0).min(bottom - 28.0);
        if let Some(who) = &l.signed_by {
            c.text(right - 70.0, sy, pt, s.body, ink::BLACK, Align::Left, who);
            c.signature(right - 68.0, sy + lh, 45.0, 14.0, rng);
        }
        if let Some(lines) = &l.stamp {
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            c.stamp(
                right - 95.0,
                sy + 14.0,
                15.0,
                &refs,
                Rgb([60, 50, 150]),
                rng,
            );
        }
    }
    // Footer.
    let mut fy = c.height_mm() - m - c.line_height(pt - 2.5) * l.footer.len() as f32;
    if !l.footer.is_empty() {
        c.hrule(m, fy - 2.0, width, 0.2, ink::GREY);
    }
    for line in &l.footer {
        c.text(
            m + width / 2.0,
            fy,
            pt - 2.5,
            s.body,
            ink::GREY,
            Align::Center,
            line,
        );
        fy += c.line_height(pt - 2.5);
    }
}

/// Draws a table; returns the y below it.
fn table(c: &mut Canvas, s: &Style, accent: Rgb<u8>, x: f32, y: f32, width: f32, t: &Table) -> f32 {
    let pt = s.pt - 1.0;
    let row_h = c.line_height(pt) + 1.5;
    let total: f32 = t.widths.iter().sum::<f32>().max(1.0);
    let cols: Vec<f32> = t.widths.iter().map(|w| w / total * width).collect();
    let mut y = y;
    let draw_row = |c: &mut Canvas, y: f32, cells: &[String], face: Face, color: Rgb<u8>| {
        let mut cx = x;
        for (i, cell) in cells.iter().enumerate() {
            let w = cols.get(i).copied().unwrap_or(20.0);
            // Amount columns (all but the first, when numeric) align right.
            let numeric = i > 0
                && cell.chars().any(|ch| ch.is_ascii_digit())
                && cell
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || " ,.-€£%".contains(ch));
            if numeric {
                c.text(cx + w - 1.5, y + 0.8, pt, face, color, Align::Right, cell);
            } else {
                c.text(cx + 1.5, y + 0.8, pt, face, color, Align::Left, cell);
            }
            cx += w;
        }
    };
    if !t.head.is_empty() {
        c.fill(
            x,
            y,
            width,
            row_h,
            if s.grid_table { accent } else { ink::SHADE },
        );
        let color = if s.grid_table { ink::WHITE } else { ink::BLACK };
        draw_row(c, y, &t.head, s.bold, color);
        y += row_h;
    }
    for (r, row) in t.rows.iter().enumerate() {
        if !s.grid_table && r % 2 == 1 {
            c.fill(x, y, width, row_h, Rgb([245, 246, 248]));
        }
        draw_row(c, y, row, s.body, ink::BLACK);
        if s.grid_table {
            c.hrule(x, y + row_h, width, 0.2, ink::GREY);
        }
        y += row_h;
    }
    if s.grid_table {
        let top = y - row_h * (t.rows.len() + usize::from(!t.head.is_empty())) as f32;
        let mut cx = x;
        for w in cols.iter() {
            c.fill(cx, top, 0.2, y - top, ink::GREY);
            cx += w;
        }
        c.fill(x + width - 0.2, top, 0.2, y - top, ink::GREY);
    } else {
        c.hrule(x, y, width, 0.3, ink::GREY);
    }
    y + c.line_height(pt)
}
