//! The page outline in a frame and whether it is ready to be captured.
//!
//! The resident lays a page under the camera; the kiosk takes the picture by itself once the
//! page is fully in view, close enough, still, sharp and free of glare. This module measures
//! each of those on one frame ([`detect`] → [`PageDetection`]) and turns the measures into a
//! decision with a reason the screen can show ([`decide`] → [`CaptureDecision`]). An
//! [`AutoCapture`] remembers the previous frame's outline to tell a still page from a moving one.
//!
//! Finding the page works on a small blurred copy of the frame: paper is lighter than the table
//! it lies on, so an automatic (Otsu) threshold separates it (and when page and a light table
//! under a lamp fall on the same side, the level that splits the light side again); blurring
//! first drowns the grain of a textured table and the print on the page, and a morphological
//! opening cuts bright bridges between the page and the background (a wider one detaches the
//! white squares of a gingham cloth). The largest bright region's convex hull gives four rough
//! corners: its two farthest points are one diagonal, the hull points farthest from that
//! diagonal on each side are the other two.
//! The rough outline can be off by a whole gingham square stuck to the page, so each side is
//! then searched as a whole straight line near it with paper just inside and the table beyond
//! all along ([`side_search`]), paper being judged against the page near each place, since light
//! falls off towards a page's edges; the share of places that agree is the outline's support.
//! A dark band across the whole page (a title printed white on colour) cuts the bright region
//! in pieces: large pieces are also outlined together, an outline kept only if its sides are
//! found. Of the openings' outlines, the largest of those nearly as well supported as the best
//! is kept (a dark band across a page cuts a smaller, equally crisp piece off it); sizes are
//! compared before completion to a paper's proportions (below), which may overshoot. The
//! search reaches a share of the copy's short side: the camera frames an A4 sheet by its
//! length, so the table's pattern keeps its size against the short side. When no outline's
//! sides all show such a line, the rough outline stands: a page is never dropped for it, and
//! [`PageDetection::edges_found`] tells the pipeline to read the whole photo as well. Each
//! side is finally snapped onto the exact place where brightness drops from page to table.
//! An identity card's dark title band stops the bright region short of the card's edge: an
//! outline whose proportions match no paper (A4, ID-1 card…) is completed where a side
//! moved out to a paper's proportions meets a straight edge.
//! A frame that is bright from edge to edge is a flat scan: the page *is* the frame, and
//! [`PageDetection::fills_frame`] says so.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma};
use imageproc::contours::{BorderType, find_contours};
use imageproc::contrast::otsu_level;
use imageproc::distance_transform::Norm;
use imageproc::filter::{gaussian_blur_f32, laplacian_filter};
use imageproc::geometry::{contour_area, convex_hull};
use imageproc::morphology::{close, open};
use imageproc::point::Point as IPoint;

use crate::geometry::{Point, Quad};

mod side_search;

/// Long side of the copy the page outline is searched on.
const OUTLINE_SIDE: u32 = 480;
/// Long side of the copy sharpness is measured on: fine enough that blur on body text shows.
const SHARPNESS_SIDE: u32 = 1000;
/// A bright region smaller than this share of the frame is not a page.
const MIN_PAGE_FRACTION: f32 = 0.02;
/// A page whose outline covers this share of the frame fills it (a flat scan).
const FILLS_FRAME_FRACTION: f32 = 0.88;
/// A frame whose brightness spans fewer grey levels than this shows nothing standing out.
const UNIFORM_SPREAD: u8 = 24;
/// A page's mean brightness must exceed its surroundings' by this much.
const MIN_PAPER_CONTRAST: f32 = 40.0;
/// A page filling the frame must be at least this bright on average.
const MIN_PAPER_BRIGHTNESS: f32 = 140.0;
/// The wider opening that detaches light squares of a patterned table from the page, as a
/// share of the small copy's long side (a gingham square is 1.5–3.5 % of a 16:9 frame's). A
/// wider one eats into the page's own light margins.
const DETACH_FRACTION: f32 = 0.03;
/// How far each side of the rough outline is searched for the page's edge, as a share of the
/// small copy's short side. The camera frames the page by its short side (an A4 sheet's length
/// fills most of it, whatever the frame's shape), so a gingham square keeps its size against
/// it: 3–6 % of it, 8 % with the square's blurred edge.
const SIDE_REACH: f32 = 0.08;
/// An outline whose sides showed the edge at least this share as often as the best one's
/// competes with it on size.
const RIVAL_SUPPORT: f32 = 0.75;
/// The least angle at a corner of a page seen from above, in degrees.
const MIN_CORNER_ANGLE: f32 = 60.0;
/// How close to the frame's border (share of the long side) counts as touching it.
const EDGE_MARGIN: f32 = 0.01;
/// Pixels at least this bright are clipped highlights.
const CLIPPED: u8 = 250;
/// A highlight must also stand this far above the paper's typical brightness to be glare.
const GLARE_ABOVE_PAPER: u8 = 20;

/// What one frame shows of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageDetection {
    /// Width and height of the frame, in pixels.
    pub frame_size: (u32, u32),
    /// The page outline in frame pixels, if a page was found.
    pub quad: Option<Quad>,
    /// The page fills the whole frame (a flat scan, or a page held too close).
    pub fills_frame: bool,
    /// Share of the frame the page covers, 0.0–1.0.
    pub area_fraction: f32,
    /// The page touches the frame's border: part of it may be out of view.
    pub touches_edge: bool,
    /// Every side of the outline was found on the paper's edge. When not, the outline is the
    /// bright region's rough shape, which may be a pool of lamp light on a pale table as well
    /// as the page.
    pub edges_found: bool,
    /// Variance of the Laplacian over the page: high for crisp print, low when blurred.
    pub sharpness: f32,
    /// Share of the page covered by clipped highlight blobs (reflections), 0.0–1.0.
    pub glare_fraction: f32,
}

/// Why the kiosk does not take the picture yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum NotReady {
    /// No page in view.
    NoPage,
    /// The page is too small in the frame to be read.
    TooFar,
    /// The picture is not sharp.
    Blurry,
    /// A reflection hides part of the page.
    Glare,
    /// Part of the page is outside the frame.
    CutOff,
    /// The page moved since the previous frame.
    Moving,
}

/// The auto-capture decision for one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum CaptureDecision {
    /// Take the picture now.
    Ready,
    /// Not yet, and why.
    NotYet(NotReady),
}

/// The limits the capture decision applies; the defaults suit a document camera over an A4 area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CaptureLimits {
    /// The page must cover at least this share of the frame.
    pub min_area_fraction: f32,
    /// The page's sharpness (see [`PageDetection::sharpness`]) must reach this.
    pub min_sharpness: f32,
    /// Glare may cover at most this share of the page.
    pub max_glare_fraction: f32,
    /// Corners may move at most this share of the frame's diagonal between frames.
    pub max_shift_fraction: f32,
}

impl Default for CaptureLimits {
    fn default() -> Self {
        Self {
            // An ID card under a camera that sees an A4 sheet covers about 7 % of the frame.
            min_area_fraction: 0.05,
            min_sharpness: 40.0,
            max_glare_fraction: 0.005,
            max_shift_fraction: 0.01,
        }
    }
}

/// Measures everything the capture decision needs on one grey frame.
pub fn detect(frame: &GrayImage) -> PageDetection {
    let (width, height) = frame.dimensions();
    let empty = PageDetection {
        frame_size: (width, height),
        quad: None,
        fills_frame: false,
        area_fraction: 0.0,
        touches_edge: false,
        edges_found: false,
        sharpness: 0.0,
        glare_fraction: 0.0,
    };
    if width < 16 || height < 16 {
        return empty;
    }
    let small = downscale(frame, OUTLINE_SIDE);
    let Some(outline) = find_outline(&small) else {
        return PageDetection {
            sharpness: sharpness(frame, None),
            ..empty
        };
    };
    let scale = width as f32 / small.width() as f32;
    let quad = outline.quad.scaled(scale);
    let frame_area = (width as f32) * (height as f32);
    let area_fraction = (quad.area() / frame_area).min(1.0);
    let fills_frame = area_fraction >= FILLS_FRAME_FRACTION;
    let quad = if fills_frame {
        Quad::full(width, height)
    } else {
        quad
    };
    PageDetection {
        frame_size: (width, height),
        quad: Some(quad),
        fills_frame,
        area_fraction: if fills_frame { 1.0 } else { area_fraction },
        touches_edge: outline.touches_edge,
        edges_found: outline.is_searched(),
        sharpness: sharpness(frame, Some(&quad)),
        glare_fraction: if fills_frame {
            0.0
        } else {
            glare_fraction(&small, &outline.quad)
        },
    }
}

/// Turns one frame's measures into a decision. `shift` is the largest corner move since the
/// previous frame, as a share of the frame's diagonal (`None` when there is no previous page).
pub fn decide(
    detection: &PageDetection,
    shift: Option<f32>,
    limits: &CaptureLimits,
) -> CaptureDecision {
    use CaptureDecision::NotYet;
    if detection.quad.is_none() {
        return NotYet(NotReady::NoPage);
    }
    if detection.touches_edge || detection.fills_frame {
        return NotYet(NotReady::CutOff);
    }
    if detection.area_fraction < limits.min_area_fraction {
        return NotYet(NotReady::TooFar);
    }
    if shift.is_none_or(|s| s > limits.max_shift_fraction) {
        return NotYet(NotReady::Moving);
    }
    if detection.sharpness < limits.min_sharpness {
        return NotYet(NotReady::Blurry);
    }
    if detection.glare_fraction > limits.max_glare_fraction {
        return NotYet(NotReady::Glare);
    }
    CaptureDecision::Ready
}

/// Watches consecutive frames and says when to take the picture.
#[derive(Debug, Clone, Default)]
pub struct AutoCapture {
    limits: CaptureLimits,
    previous: Option<Quad>,
}

impl AutoCapture {
    /// A watcher applying `limits`.
    pub fn new(limits: CaptureLimits) -> Self {
        Self {
            limits,
            previous: None,
        }
    }

    /// Measures `frame`, compares it with the previous one and decides.
    pub fn observe(&mut self, frame: &GrayImage) -> (PageDetection, CaptureDecision) {
        let detection = detect(frame);
        let (width, height) = detection.frame_size;
        let diagonal = ((width as f32).powi(2) + (height as f32).powi(2)).sqrt();
        let shift = match (&self.previous, &detection.quad) {
            (Some(before), Some(now)) => Some(before.max_corner_shift(now) / diagonal),
            _ => None,
        };
        self.previous = detection.quad;
        let decision = decide(&detection, shift, &self.limits);
        (detection, decision)
    }

    /// Forgets the previous frame (after a capture, or when a new page is expected).
    pub fn reset(&mut self) {
        self.previous = None;
    }
}

/// The page outline found on the small copy.
struct Outline {
    quad: Quad,
    touches_edge: bool,
    /// The least share, over its sides, of places that showed the paper's edge; 0 when the
    /// sides were not found on it and the outline is the bright region's rough one.
    support: f32,
    /// The area of the outline whose sides were found, before it was completed to a paper's
    /// proportions: what outlines are compared on (a completion may overshoot).
    found_area: f32,
}

impl Outline {
    /// Whether every side was found on the paper's edge.
    fn is_searched(&self) -> bool {
        self.support > 0.0
    }
}

/// Finds the page in `small`: the largest bright region, its four corners, and its sides
/// moved onto the page's edges.
fn find_outline(small: &GrayImage) -> Option<Outline> {
    let (width, height) = small.dimensions();
    let blurred = gaussian_blur_f32(small, 2.0);
    let (darkest, lightest) = blurred
        .pixels()
        .fold((u8::MAX, 0), |(lo, hi), p| (lo.min(p.0[0]), hi.max(p.0[0])));
    if lightest - darkest < UNIFORM_SPREAD {
        // Nothing stands out: a blank sheet filling the frame, or no page at all.
        let all = GrayImage::from_pixel(width, height, Luma([255]));
        let quad = Quad::full(width, height);
        return looks_like_paper(&blurred, &all, true).then(|| Outline {
            found_area: quad.area(),
            quad,
            touches_edge: true,
            support: 0.0,
        });
    }
    let level = otsu_level(&blurred);
    let first = outlines_above(&blurred, level);
    if first.iter().any(Outline::is_searched) {
        return best_searched(first);
    }
    // A light table under a bright lamp falls on the page's side of the first level, and page
    // and table make one shapeless region: the level that splits the light side again
    // separates them. When neither finds an outline whose sides all show the paper's edge, the
    // first level's rough outline stands, as the bright region's corners give it.
    upper_level(&blurred, level)
        .and_then(|upper| best_searched(outlines_above(&blurred, upper)))
        .or_else(|| first.into_iter().next())
}

/// The level that splits the pixels of `blurred` brighter than `level` again.
fn upper_level(blurred: &GrayImage, level: u8) -> Option<u8> {
    let lighter: Vec<u8> = blurred
        .pixels()
        .map(|p| p.0[0])
        .filter(|&v| v > level)
        .collect();
    let count = u32::try_from(lighter.len()).ok()?;
    Some(otsu_level(&GrayImage::from_raw(count, 1, lighter)?))
}

/// The page outlines among the regions of `blurred` brighter than `level`, one per opening
/// that leaves a bright quadrilateral, the narrow opening's first.
fn outlines_above(blurred: &GrayImage, level: u8) -> Vec<Outline> {
    let (width, height) = blurred.dimensions();
    let mask = GrayImage::from_fn(width, height, |x, y| {
        Luma([if blurred.get_pixel(x, y).0[0] > level {
            255
        } else {
            0
        }])
    });
    // Closing fills the print on the page; opening cuts bright bridges to the background. A
    // light patterned table (the white squares of a gingham cloth) sticks to the page through
    // whole squares: the wider opening detaches them, at the cost of rounded corners, which
    // the search for the page's edges restores.
    let closed = close(&mask, Norm::LInf, 2);
    let detach = (DETACH_FRACTION * width.max(height) as f32).round() as u8;
    [3, detach]
        .into_iter()
        .flat_map(|radius| bright_regions(blurred, &open(&closed, Norm::LInf, radius)))
        .collect()
}

/// Of the `outlines` whose sides were found on the paper's edge, the page: a dark band across
/// the page can cut a narrower outline off it, with edges as crisp, so of those nearly as well
/// supported as the best, the largest as found (before completion to a paper's proportions).
fn best_searched(outlines: Vec<Outline>) -> Option<Outline> {
    let best_support = outlines.iter().map(|o| o.support).fold(0.0, f32::max);
    outlines
        .into_iter()
        .filter(|o| o.is_searched() && o.support >= RIVAL_SUPPORT * best_support)
        .max_by(|a, b| a.found_area.total_cmp(&b.found_area))
}

/// The page outlines among the bright regions of `mask`: the largest region's, if it is a
/// bright quadrilateral; and, when large pieces lie beside it, the outline of them all, if
/// its sides are found on the paper's edge: a dark band across the page (a title printed
/// white on colour, a table's heading) can cut the bright region in pieces.
fn bright_regions(blurred: &GrayImage, mask: &GrayImage) -> Vec<Outline> {
    let (width, height) = mask.dimensions();
    // A region touching the image's border has no outer border of its own: a one-pixel frame of
    // background around the mask gives it one (coordinates shift by one).
    let mut framed = GrayImage::new(width + 2, height + 2);
    imageops::replace(&mut framed, mask, 1, 1);
    let mut regions: Vec<(f64, Vec<IPoint<i32>>)> = find_contours::<i32>(&framed)
        .into_iter()
        .filter(|c| c.border_type == BorderType::Outer && c.points.len() >= 4)
        .map(|c| {
            let points: Vec<IPoint<i32>> = c
                .points
                .iter()
                .map(|p| IPoint::new(p.x - 1, p.y - 1))
                .collect();
            (contour_area(&points), points)
        })
        .collect();
    regions.sort_by(|a, b| b.0.total_cmp(&a.0));
    let Some((largest_area, largest)) = regions.first() else {
        return Vec::new();
    };
    if *largest_area < MIN_PAGE_FRACTION as f64 * (width as f64 * height as f64) {
        return Vec::new();
    }
    let region = region_outline(blurred, mask, largest.clone(), *largest_area, MIN_SOLIDITY);
    let pieces: Vec<&(f64, Vec<IPoint<i32>>)> = regions
        .iter()
        .take_while(|(area, _)| *area >= PIECE_SHARE * largest_area)
        .collect();
    let joined = if pieces.len() > 1 {
        let area = pieces.iter().map(|(area, _)| area).sum();
        let points = pieces.iter().flat_map(|(_, p)| p).copied().collect();
        region_outline(blurred, mask, points, area, MIN_JOINED_SOLIDITY)
            .filter(Outline::is_searched)
    } else {
        None
    };
    region.into_iter().chain(joined).collect()
}

/// The outline of a bright region of `mask` (its contour's `points`, its `area`), if the region
/// fills at least `min_solidity` of the quadrilateral its corners make and stands out as paper.
fn region_outline(
    blurred: &GrayImage,
    mask: &GrayImage,
    points: Vec<IPoint<i32>>,
    area: f64,
    min_solidity: f64,
) -> Option<Outline> {
    let (width, height) = mask.dimensions();
    let margin = (EDGE_MARGIN * width.max(height) as f32).max(1.0) as i32;
    let touches_edge = points.iter().any(|p| {
        p.x < margin
            || p.y < margin
            || p.x >= width as i32 - margin
            || p.y >= height as i32 - margin
    });
    let hull = convex_hull(points);
    let quad = quad_from_hull(&hull)?;
    // A page is a quadrilateral: a ragged region (a patch of lighter table) is not one.
    let solidity = area / f64::from(quad.area()).max(1.0);
    if !(min_solidity..=1.15).contains(&solidity) {
        return None;
    }
    let frame_area = width as f64 * height as f64;
    if !looks_like_paper(blurred, mask, area >= 0.95 * frame_area) {
        return None;
    }
    let reach = SIDE_REACH * width.min(height) as f32;
    let (quad, support) = search_edges(blurred, &quad, reach).unwrap_or((quad, 0.0));
    let quad = snap_to_edges(blurred, &quad, SNAP_REACH).unwrap_or(quad);
    let found_area = quad.area();
    let quad = complete_to_format(blurred, &quad).unwrap_or(quad);
    Some(Outline {
        quad,
        touches_edge,
        support,
        found_area,
    })
}

/// A bright region's area over that of the quadrilateral its corners make, at least, for it to
/// be a page.
const MIN_SOLIDITY: f64 = 0.85;
/// The least solidity of pieces of a page joined across a dark band: the band is missing.
const MIN_JOINED_SOLIDITY: f64 = 0.6;
/// A piece of the bright region at least this share of the largest one's area may be part of
/// the same page, cut off by a dark band.
const PIECE_SHARE: f64 = 0.15;

/// Places across each side where a moved side is looked for.
const SIDE_SAMPLES: usize = 48;
/// A searched outline is trusted when each of its sides showed the paper's edge at this share
/// of its places.
const MIN_SIDE_SUPPORT: f32 = 0.3;
/// Paper is at least this share of the brightness typical inside the rough outline, or of the
/// paper's farther in at the same place (light falls off towards the page's edges).
const PAPER_SHARE: f32 = 0.8;

/// `quad` with each side moved onto the page's edge: the straight line near it with the most
/// evidence of paper's edge (see [`side_search`]); the corners where adjacent lines meet. With
/// it, the least share of places along a side that showed the edge (a side on the frame's
/// border is kept and counts as whole). `None` when a side finds too little edge, or the
/// outline would move implausibly far or lose a sheet's shape.
fn search_edges(blurred: &GrayImage, quad: &Quad, reach: f32) -> Option<(Quad, f32)> {
    let paper_level =
        PAPER_SHARE * f32::from(median(&mut pixels_inside(blurred, quad)).unwrap_or(0));
    let mut lines: [Line; 4] = [(Point::new(0.0, 0.0), Point::new(0.0, 0.0)); 4];
    let (width, height) = blurred.dimensions();
    let on_border = |p: Point| {
        p.x <= 1.0 || p.y <= 1.0 || p.x >= width as f32 - 1.0 || p.y >= height as f32 - 1.0
    };
    let mut support = 1.0f32;
    for (line, side) in lines.iter_mut().zip(sides(quad)) {
        if on_border(side.0) && on_border(side.1) {
            // A page running off the frame: the frame's border is its outline there.
            *line = (side.0, unit(side.0, side.1));
            continue;
        }
        let found = side_search::best_side(blurred, side, reach, paper_level)?;
        *line = found.line;
        support = support.min(found.support);
    }
    let fitted = quad_from_lines(&lines);
    let moved = fitted.max_corner_shift(quad);
    let plausible = fitted.is_plausible_sheet(MIN_CORNER_ANGLE);
    (moved.is_finite() && moved <= 2.0 * reach && plausible && support >= MIN_SIDE_SUPPORT)
        .then_some((fitted, support))
}

/// How far (in pixels of the small copy) a side found is moved to sit exactly on the edge.
const SNAP_REACH: f32 = 3.0;
/// The least brightness step (page side minus table side) that counts as the page's edge.
const MIN_EDGE_STEP: f32 = 8.0;

/// `quad` with each side moved onto the page's edge: across the side, within `reach` pixels,
/// the place where brightness drops most from the page to the table; a straight line through
/// those places, fitted again without the ones far off it (a bright square of the table
/// beside the page, a shadow); the corners where adjacent lines meet. `None` when a side
/// finds too little edge, or the corners would move implausibly far.
fn snap_to_edges(blurred: &GrayImage, quad: &Quad, reach: f32) -> Option<Quad> {
    let mut lines: [Line; 4] = [(Point::new(0.0, 0.0), Point::new(0.0, 0.0)); 4];
    for (line, side) in lines.iter_mut().zip(sides(quad)) {
        let found = edge_points(
            blurred,
            side,
            0.0,
            reach,
            MIN_EDGE_STEP,
            EdgeRule::StrongestDrop,
        );
        *line = fit_line(&found, (MIN_SIDE_SUPPORT * SIDE_SAMPLES as f32) as usize)?;
    }
    let fitted = quad_from_lines(&lines);
    let moved = fitted.max_corner_shift(quad);
    (moved.is_finite() && moved <= 4.0 * reach).then_some(fitted)
}

/// The brightness of the pixels of `image` inside `quad`.
fn pixels_inside(image: &GrayImage, quad: &Quad) -> Vec<u8> {
    let (left, top, right, bottom) = quad.bounds();
    let (x0, y0) = (left.max(0.0) as u32, top.max(0.0) as u32);
    let (x1, y1) = (
        (right.max(0.0) as u32).min(image.width()),
        (bottom.max(0.0) as u32).min(image.height()),
    );
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| quad.contains(Point::new(x as f32 + 0.5, y as f32 + 0.5)))
        .map(|(x, y)| image.get_pixel(x, y).0[0])
        .collect()
}

/// The median of `values` (`None` when there are none); reorders them.
fn median(values: &mut [u8]) -> Option<u8> {
    let middle = values.len() / 2;
    (!values.is_empty()).then(|| *values.select_nth_unstable(middle).1)
}

/// A straight line: a point on it and its unit direction.
type Line = (Point, Point);

/// The four sides of `quad`, each from a corner to the next (clockwise on screen).
fn sides(quad: &Quad) -> [(Point, Point); 4] {
    let c = quad.corners;
    std::array::from_fn(|i| (c[i], c[(i + 1) % 4]))
}

/// The quadrilateral whose sides lie on `lines`, given in the order of [`sides`].
fn quad_from_lines(lines: &[Line; 4]) -> Quad {
    Quad::from_corners(std::array::from_fn(|i| {
        intersect(lines[(i + 3) % 4], lines[i])
    }))
}

/// The unit vector from `a` towards `b`.
fn unit(a: Point, b: Point) -> Point {
    let length = a.distance(b).max(1.0);
    Point::new((b.x - a.x) / length, (b.y - a.y) / length)
}

/// Which brightness step across a side is the paper's edge.
#[derive(Clone, Copy)]
enum EdgeRule {
    /// The strongest drop from inside to outside: the page is lighter than the table.
    StrongestDrop,
    /// The outermost step either way: beyond a dark band of the paper, only the table.
    OutermostStep,
}

/// The paper's edge across the side `a`–`b` moved outward by `offset`, at [`SIDE_SAMPLES`]
/// places along it: within `reach` pixels either way, the step of at least `min_step` that
/// `rule` picks. Places without such a step give no point.
fn edge_points(
    blurred: &GrayImage,
    (a, b): (Point, Point),
    offset: f32,
    reach: f32,
    min_step: f32,
    rule: EdgeRule,
) -> Vec<Point> {
    let along = unit(a, b);
    // Corners run clockwise on screen, so this normal points out of the page.
    let out = Point::new(along.y, -along.x);
    let mut found = Vec::with_capacity(SIDE_SAMPLES);
    for k in 0..SIDE_SAMPLES {
        let t = 0.08 + 0.84 * k as f32 / (SIDE_SAMPLES - 1) as f32;
        let p = Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        let at = |s: f32| sample(blurred, Point::new(p.x + out.x * s, p.y + out.y * s));
        let mut best = (min_step, None);
        let mut in_step = false;
        let mut s = offset - reach;
        while s <= offset + reach {
            let drop = at(s - 1.5) - at(s + 1.5);
            match rule {
                EdgeRule::StrongestDrop if drop > best.0 => best = (drop, Some(s)),
                // Outward, each step met replaces the one before; the edge is a step's peak.
                EdgeRule::OutermostStep if drop.abs() >= min_step => {
                    if !in_step || drop.abs() > best.0 {
                        best = (drop.abs(), Some(s));
                    }
                    in_step = true;
                }
                EdgeRule::OutermostStep => in_step = false,
                _ => {}
            }
            s += 0.5;
        }
        if let (_, Some(s)) = best {
            found.push(Point::new(p.x + out.x * s, p.y + out.y * s));
        }
    }
    found
}

/// Long side over short side of the papers residents bring: ISO 216 sheets (A4, A5) and a
/// passport's page (ID-3, 125 × 88 mm) are close to √2; cards (ID-1, 85.6 × 54 mm) are 1.586.
const PAPER_PROPORTIONS: [f32; 2] = [std::f32::consts::SQRT_2, 1.586];
/// An outline whose proportions lie within this share of a paper's is that paper, whole.
const PROPORTION_TOLERANCE: f32 = 0.05;
/// A side moved out to complete a paper must find an edge on at least this share of its samples.
const MIN_MOVED_SIDE_SUPPORT: f32 = 0.5;
/// The least brightness step, either way, that counts as the edge of a completed paper.
const MIN_MOVED_EDGE_STEP: f32 = 12.0;

/// `quad` completed to a whole paper when a dark band of the paper itself was left out: the
/// title band of an identity card is as dark as the table, so the bright region stops at it,
/// and the outline has proportions no paper has. Each side is tried moved outward by what
/// the outline lacks to have a paper's proportions; it is kept where a straight edge (darker
/// or lighter beyond, a band and the table rarely match) is found there. `None` when the
/// outline already has a paper's proportions, or no moved side finds an edge.
fn complete_to_format(blurred: &GrayImage, quad: &Quad) -> Option<Quad> {
    let (page_width, page_height) = quad.mean_sides();
    let proportion = page_width.max(page_height) / page_width.min(page_height).max(1.0);
    if PAPER_PROPORTIONS
        .iter()
        .any(|paper| (proportion / paper - 1.0).abs() <= PROPORTION_TOLERANCE)
    {
        return None;
    }
    let sides = sides(quad);
    let lines = sides.map(|(a, b)| (a, unit(a, b)));
    let (width, height) = blurred.dimensions();
    // Each side, moved out by what the outline lacks across it to have a paper's proportions.
    let candidates = (0..4).flat_map(|side| {
        let (along, across) = if side % 2 == 0 {
            (page_width, page_height)
        } else {
            (page_height, page_width)
        };
        PAPER_PROPORTIONS
            .iter()
            .flat_map(move |paper| [along * paper, along / paper])
            .map(move |wanted| (side, wanted - across))
            .filter(move |&(_, missing)| (0.03 * across..=0.4 * across).contains(&missing))
    });
    candidates
        .filter_map(|(side, missing)| {
            let (line, support) = moved_side(blurred, sides[side], missing)?;
            let mut moved = lines;
            moved[side] = line;
            let completed = quad_from_lines(&moved);
            let inside = completed.corners.iter().all(|p| {
                (0.0..=width as f32).contains(&p.x) && (0.0..=height as f32).contains(&p.y)
            });
            (inside && completed.is_plausible_sheet(MIN_CORNER_ANGLE))
                .then_some((support, completed))
        })
        // The best supported edge; the first of equals.
        .min_by_key(|&(support, _)| std::cmp::Reverse(support))
        .map(|(_, completed)| completed)
}

/// The straight edge near the side `a`–`b` moved outward by `distance`, and how many of its
/// samples lie on it; `None` when too few do.
fn moved_side(blurred: &GrayImage, side: (Point, Point), distance: f32) -> Option<(Line, usize)> {
    let reach = 2.0 + 0.3 * distance;
    let found = edge_points(
        blurred,
        side,
        distance,
        reach,
        MIN_MOVED_EDGE_STEP,
        EdgeRule::OutermostStep,
    );
    let min_points = (MIN_MOVED_SIDE_SUPPORT * SIDE_SAMPLES as f32) as usize;
    let line = fit_line(&found, min_points)?;
    let support = found
        .iter()
        .filter(|&&p| distance_to(line, p) <= 1.5)
        .count();
    (support >= min_points).then_some((line, support))
}

/// Brightness at a point between pixels (bilinear), the nearest border pixel outside.
fn sample(image: &GrayImage, p: Point) -> f32 {
    let (w, h) = image.dimensions();
    let x = (p.x - 0.5).clamp(0.0, (w - 1) as f32);
    let y = (p.y - 0.5).clamp(0.0, (h - 1) as f32);
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let v = |x, y| f32::from(image.get_pixel(x, y).0[0]);
    let top = v(x0, y0) * (1.0 - fx) + v(x1, y0) * fx;
    let bottom = v(x0, y1) * (1.0 - fx) + v(x1, y1) * fx;
    top * (1.0 - fy) + bottom * fy
}

/// The straight line through `points` (a point on it and its unit direction), fitted by
/// least squares, then again on the points near the first fit. `None` when fewer than
/// `min_points` stay near it.
fn fit_line(points: &[Point], min_points: usize) -> Option<Line> {
    let mut kept: Vec<Point> = points.to_vec();
    for _ in 0..3 {
        if kept.len() < min_points.max(2) {
            return None;
        }
        let line = principal_line(&kept);
        let mut distances: Vec<f32> = kept.iter().map(|&p| distance_to(line, p)).collect();
        distances.sort_by(f32::total_cmp);
        let limit = (2.5 * distances[distances.len() / 2]).max(1.0);
        let before = kept.len();
        kept.retain(|&p| distance_to(line, p) <= limit);
        if kept.len() == before {
            return Some(line);
        }
    }
    (kept.len() >= min_points.max(2)).then(|| principal_line(&kept))
}

/// The centroid of `points` and the direction along which they spread most.
fn principal_line(points: &[Point]) -> Line {
    let n = points.len() as f32;
    let cx = points.iter().map(|p| p.x).sum::<f32>() / n;
    let cy = points.iter().map(|p| p.y).sum::<f32>() / n;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for p in points {
        let (dx, dy) = (p.x - cx, p.y - cy);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    (Point::new(cx, cy), Point::new(angle.cos(), angle.sin()))
}

/// Distance from `p` to the line through `origin` along the unit vector `dir`.
fn distance_to((origin, dir): Line, p: Point) -> f32 {
    ((p.x - origin.x) * dir.y - (p.y - origin.y) * dir.x).abs()
}

/// Where two lines (a point and a direction each) cross; not finite when they are parallel.
fn intersect((p, u): Line, (q, v): Line) -> Point {
    let denominator = u.x * v.y - u.y * v.x;
    let t = ((q.x - p.x) * v.y - (q.y - p.y) * v.x) / denominator;
    Point::new(p.x + u.x * t, p.y + u.y * t)
}

/// Whether the bright region of `mask` stands out as paper: clearly lighter than what is
/// around it, or, when it fills the frame, light in itself.
fn looks_like_paper(blurred: &GrayImage, mask: &GrayImage, fills: bool) -> bool {
    let (mut inside, mut outside) = ((0u64, 0u64), (0u64, 0u64));
    for (value, flag) in blurred.pixels().zip(mask.pixels()) {
        let side = if flag.0[0] > 0 {
            &mut inside
        } else {
            &mut outside
        };
        side.0 += u64::from(value.0[0]);
        side.1 += 1;
    }
    let mean = |(sum, count): (u64, u64)| sum as f32 / count.max(1) as f32;
    if fills || outside.1 == 0 {
        mean(inside) >= MIN_PAPER_BRIGHTNESS
    } else {
        mean(inside) - mean(outside) >= MIN_PAPER_CONTRAST
    }
}

/// The four corners of a roughly quadrilateral convex hull: the two farthest points form one
/// diagonal; the points farthest from it on either side are the other two corners.
fn quad_from_hull(hull: &[IPoint<i32>]) -> Option<Quad> {
    let points: Vec<Point> = hull
        .iter()
        .map(|p| Point::new(p.x as f32, p.y as f32))
        .collect();
    let mut diagonal = (0, 0, 0.0f32);
    for (i, a) in points.iter().enumerate() {
        for (j, b) in points.iter().enumerate().skip(i + 1) {
            let d = a.distance(*b);
            if d > diagonal.2 {
                diagonal = (i, j, d);
            }
        }
    }
    let (a, b) = (points[diagonal.0], points[diagonal.1]);
    // Signed distance (times the diagonal's length) of each point from the line a–b.
    let side = |p: &Point| (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    let left = points
        .iter()
        .copied()
        .max_by(|p, q| side(p).total_cmp(&side(q)))?;
    let right = points
        .iter()
        .copied()
        .min_by(|p, q| side(p).total_cmp(&side(q)))?;
    if side(&left) <= 0.0 || side(&right) >= 0.0 {
        return None;
    }
    Some(Quad::from_corners([a, left, b, right]))
}

/// Variance of the Laplacian over the page (or the whole frame), on a copy of bounded size.
pub fn sharpness(frame: &GrayImage, page: Option<&Quad>) -> f32 {
    let small = downscale(frame, SHARPNESS_SIDE);
    let scale = small.width() as f32 / frame.width().max(1) as f32;
    let (width, height) = small.dimensions();
    // The inner part of the page's bounding box: the page's own border is no measure of focus.
    let (x0, y0, x1, y1) = match page {
        Some(quad) => {
            let (left, top, right, bottom) = quad.scaled(scale).bounds();
            let (inset_x, inset_y) = ((right - left) * 0.08, (bottom - top) * 0.08);
            (
                left + inset_x,
                top + inset_y,
                right - inset_x,
                bottom - inset_y,
            )
        }
        None => (0.0, 0.0, width as f32, height as f32),
    };
    let clamp = |v: f32, limit: u32| (v.max(0.0) as u32).min(limit);
    let (x0, y0, x1, y1) = (
        clamp(x0, width),
        clamp(y0, height),
        clamp(x1, width),
        clamp(y1, height),
    );
    if x1 < x0 + 3 || y1 < y0 + 3 {
        return 0.0;
    }
    let region = imageops::crop_imm(&small, x0, y0, x1 - x0, y1 - y0).to_image();
    let laplacian = laplacian_filter(&region);
    let values: Vec<f64> = laplacian.pixels().map(|p| f64::from(p.0[0])).collect();
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64;
    variance as f32
}

/// Share of the page (on the small copy) covered by highlight blobs: clipped pixels well above
/// the paper's typical brightness. Clipped specks of a few pixels (noise) do not count.
fn glare_fraction(small: &GrayImage, quad: &Quad) -> f32 {
    let (left, top, right, bottom) = quad.bounds();
    let (x0, y0) = (left.max(0.0) as u32, top.max(0.0) as u32);
    let (x1, y1) = (
        (right.max(0.0) as u32).min(small.width()),
        (bottom.max(0.0) as u32).min(small.height()),
    );
    if x1 <= x0 || y1 <= y0 {
        return 0.0;
    }
    let mut inside = pixels_inside(small, quad);
    let Some(paper) = median(&mut inside) else {
        return 0.0;
    };
    // Paper already at the clipping level leaves no headroom to tell a reflection from it.
    let Some(threshold) = paper.checked_add(GLARE_ABOVE_PAPER).map(|t| t.max(CLIPPED)) else {
        return 0.0;
    };
    // Glare as the dark pixels of this picture, so that they can be grouped as ink blobs.
    let clipped = GrayImage::from_fn(x1 - x0, y1 - y0, |x, y| {
        let (fx, fy) = (x + x0, y + y0);
        let on_page = quad.contains(Point::new(fx as f32 + 0.5, fy as f32 + 0.5));
        let glare = on_page && small.get_pixel(fx, fy).0[0] >= threshold;
        Luma([if glare { 0 } else { 255 }])
    });
    // A blob of a few pixels is sensor noise or a white glyph gap, not a reflection.
    let glare: u32 = crate::blobs::dark_blobs(&clipped, 0)
        .iter()
        .map(|blob| blob.pixels)
        .filter(|&n| n >= 6)
        .sum();
    glare as f32 / inside.len() as f32
}

/// A copy of `image` whose long side is at most `side` pixels.
pub(crate) fn downscale(image: &GrayImage, side: u32) -> GrayImage {
    let (width, height) = image.dimensions();
    let long = width.max(height);
    if long <= side {
        return image.clone();
    }
    let scale = side as f32 / long as f32;
    crate::resample::resize(
        image,
        ((width as f32 * scale).round() as u32).max(1),
        ((height as f32 * scale).round() as u32).max(1),
        FilterType::Triangle,
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use imageproc::drawing::draw_polygon_mut;
    use imageproc::point::Point as DrawPoint;

    /// A dark textured table (deterministic pseudo-random grain) with uneven light: brighter
    /// towards the left.
    pub(crate) fn table(width: u32, height: u32) -> GrayImage {
        let mut seed = 0x2545_F491_u32;
        GrayImage::from_fn(width, height, |x, _| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let light = 1.0 - 0.35 * x as f32 / width as f32;
            Luma([((60.0 + (seed % 50) as f32) * light) as u8])
        })
    }

    /// Draws a light page with `corners` (TL, TR, BR, BL) and dark text-like lines on it.
    pub(crate) fn lay_page(frame: &mut GrayImage, corners: [Point; 4]) {
        let polygon: Vec<DrawPoint<i32>> = corners
            .iter()
            .map(|p| DrawPoint::new(p.x.round() as i32, p.y.round() as i32))
            .collect();
        draw_polygon_mut(frame, &polygon, Luma([215]));
        let [tl, tr, _, bl] = corners;
        // Short dark strokes along lines parallel to the top edge, inside the page.
        for line in 1..18u32 {
            let t = line as f32 / 19.0;
            let start = Point::new(tl.x + (bl.x - tl.x) * t, tl.y + (bl.y - tl.y) * t);
            for step in 4..96 {
                if (step / 6 + line).is_multiple_of(4) {
                    continue;
                }
                let s = step as f32 / 100.0;
                let x = start.x + (tr.x - tl.x) * s;
                let y = start.y + (tr.y - tl.y) * s;
                for dy in 0..3 {
                    let (px, py) = (x as u32, y as u32 + dy);
                    if px < frame.width() && py < frame.height() {
                        frame.put_pixel(px, py, Luma([35]));
                    }
                }
            }
        }
    }

    /// Photographs `page` lying on a textured, unevenly lit table of `size`, with its corners
    /// (TL, TR, BR, BL of the page) at `corners`, then softens it like a camera lens.
    pub(crate) fn photograph(page: &GrayImage, corners: [Point; 4], size: (u32, u32)) -> GrayImage {
        let mut frame = table(size.0, size.1);
        let (w, h) = (page.width() as f32, page.height() as f32);
        let to_page = imageproc::geometric_transformations::Projection::from_control_points(
            corners.map(|p| (p.x, p.y)),
            [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)],
        )
        .expect("the corners form a quadrilateral");
        for (x, y, pixel) in frame.enumerate_pixels_mut() {
            let (u, v) = to_page * (x as f32 + 0.5, y as f32 + 0.5);
            if u >= 0.0 && v >= 0.0 && u < w && v < h {
                let paper = f32::from(page.get_pixel(u as u32, v as u32).0[0]);
                let light = 0.92 - 0.25 * y as f32 / size.1 as f32;
                pixel.0[0] = (paper * light) as u8;
            }
        }
        gaussian_blur_f32(&frame, 0.8)
    }

    pub(crate) fn tilted_corners() -> [Point; 4] {
        [
            Point::new(210.0, 90.0),
            Point::new(610.0, 130.0),
            Point::new(570.0, 690.0),
            Point::new(150.0, 640.0),
        ]
    }

    fn photo() -> GrayImage {
        let mut frame = table(800, 760);
        lay_page(&mut frame, tilted_corners());
        frame
    }

    #[test]
    fn finds_a_tilted_page_on_a_textured_unevenly_lit_table() {
        let detection = detect(&photo());
        let quad = detection.quad.expect("a page is found");
        let expected = Quad::from_corners(tilted_corners());
        assert!(
            quad.max_corner_shift(&expected) < 10.0,
            "{quad:?} vs {expected:?}"
        );
        assert!(!detection.fills_frame);
        assert!(!detection.touches_edge);
        assert!((0.3..0.5).contains(&detection.area_fraction));
    }

    /// A gingham cloth: squares of `check` pixels, off-white where light bands cross, nearly as
    /// bright as paper.
    fn gingham(width: u32, height: u32, check: u32) -> GrayImage {
        GrayImage::from_fn(width, height, |x, y| {
            Luma([match ((x / check) % 2, (y / check) % 2) {
                (0, 0) => 90,
                (1, 1) => 200,
                _ => 150,
            }])
        })
    }

    #[test]
    fn finds_a_page_on_a_gingham_cloth_whose_white_squares_touch_it() {
        let mut frame = gingham(960, 720, 24);
        // An A4 sheet, 340 × 481 pixels, turned by 3.4°.
        let corners = [
            Point::new(300.0, 110.0),
            Point::new(640.0, 130.0),
            Point::new(610.0, 610.0),
            Point::new(270.0, 590.0),
        ];
        lay_page(&mut frame, corners);
        assert_outline_near(&gaussian_blur_f32(&frame, 1.0), corners);
    }

    /// A light sheet of `width` × `height` with a dark band over the rows `band`, printed
    /// with light letters, and rows of dark print elsewhere, inside the sheet's margins.
    fn banded(width: u32, height: u32, band: std::ops::Range<u32>) -> GrayImage {
        let third = (band.end - band.start) / 3;
        let letter_rows = band.start + third..band.end - third;
        let line_pitch = height / 9;
        GrayImage::from_fn(width, height, |x, y| {
            let letter = (width / 20..width / 2).contains(&x)
                && letter_rows.contains(&y)
                && (x / 9) % 3 != 0;
            let print = (width / 4..width * 7 / 8).contains(&x)
                && (height / 12..height * 11 / 12).contains(&y)
                && y % line_pitch < line_pitch / 5
                && (x / 14) % 4 != 0;
            Luma(match (band.contains(&y), letter) {
                (true, true) => [230],
                (true, false) => [30],
                (false, _) if print => [40],
                (false, _) => [220],
            })
        })
    }

    /// Asserts that the page outline found in `frame` lies within 8 pixels of `corners`.
    fn assert_outline_near(frame: &GrayImage, corners: [Point; 4]) {
        let quad = detect(frame).quad.expect("a page is found");
        let expected = Quad::from_corners(corners);
        assert!(
            quad.max_corner_shift(&expected) < 8.0,
            "{quad:?} vs {expected:?}"
        );
    }

    #[test]
    fn a_sheet_cut_in_two_by_a_dark_band_is_found_whole() {
        // An A4 sheet whose title is printed white on a dark band across its whole width: the
        // part below the band alone has a sheet's proportions too (a landscape A5).
        let corners = [
            Point::new(330.0, 70.0),
            Point::new(620.0, 85.0),
            Point::new(600.0, 495.0),
            Point::new(310.0, 480.0),
        ];
        let sheet = banded(420, 594, 250..297);
        assert_outline_near(&photograph(&sheet, corners, (960, 540)), corners);
    }

    #[test]
    fn finds_a_page_on_a_gingham_of_large_squares_in_a_four_by_three_frame() {
        // The squares are 7 % of the frame's short side: a cloth filmed by a camera framing
        // an A4 sheet by its length.
        let mut frame = gingham(960, 720, 50);
        let corners = [
            Point::new(330.0, 100.0),
            Point::new(660.0, 120.0),
            Point::new(635.0, 600.0),
            Point::new(305.0, 580.0),
        ];
        lay_page(&mut frame, corners);
        assert_outline_near(&gaussian_blur_f32(&frame, 1.0), corners);
    }

    #[test]
    fn a_card_whose_title_band_is_as_dark_as_the_table_is_found_whole() {
        // An ID-1 card (85.6 × 54 mm) whose top sixth is a dark title band with light letters.
        let card = banded(856, 540, 0..90);
        let corners = [
            Point::new(220.0, 180.0),
            Point::new(640.0, 205.0),
            Point::new(625.0, 470.0),
            Point::new(205.0, 445.0),
        ];
        assert_outline_near(&photograph(&card, corners, (960, 720)), corners);
    }

    #[test]
    fn an_empty_table_has_no_page() {
        let detection = detect(&table(640, 480));
        assert_eq!(detection.quad, None);
        assert_eq!(
            decide(&detection, Some(0.0), &CaptureLimits::default()),
            CaptureDecision::NotYet(NotReady::NoPage)
        );
    }

    #[test]
    fn a_flat_scan_fills_the_frame() {
        let mut scan = GrayImage::from_pixel(850, 1100, Luma([245]));
        lay_page(
            &mut scan,
            [
                Point::new(0.0, 0.0),
                Point::new(849.0, 0.0),
                Point::new(849.0, 1099.0),
                Point::new(0.0, 1099.0),
            ],
        );
        let detection = detect(&scan);
        assert!(detection.fills_frame, "{detection:?}");
        assert_eq!(detection.quad, Some(Quad::full(850, 1100)));
    }

    #[test]
    fn a_page_over_the_border_is_cut_off() {
        let mut frame = table(800, 600);
        lay_page(
            &mut frame,
            [
                Point::new(300.0, 100.0),
                Point::new(900.0, 100.0),
                Point::new(900.0, 500.0),
                Point::new(300.0, 500.0),
            ],
        );
        let detection = detect(&frame);
        assert!(detection.touches_edge);
        assert_eq!(
            decide(&detection, Some(0.0), &CaptureLimits::default()),
            CaptureDecision::NotYet(NotReady::CutOff)
        );
    }

    #[test]
    fn blur_lowers_sharpness_below_the_capture_limit() {
        let sharp = photo();
        let blurred = gaussian_blur_f32(&sharp, 3.0);
        let (crisp, soft) = (detect(&sharp), detect(&blurred));
        assert!(crisp.sharpness > CaptureLimits::default().min_sharpness);
        assert!(soft.sharpness < CaptureLimits::default().min_sharpness);
        assert_eq!(
            decide(&soft, Some(0.0), &CaptureLimits::default()),
            CaptureDecision::NotYet(NotReady::Blurry)
        );
    }

    #[test]
    fn a_reflection_on_the_page_is_glare() {
        let mut frame = photo();
        imageproc::drawing::draw_filled_circle_mut(&mut frame, (380, 400), 40, Luma([255]));
        let detection = detect(&frame);
        assert!(detection.glare_fraction > 0.01, "{detection:?}");
        assert_eq!(
            decide(&detection, Some(0.0), &CaptureLimits::default()),
            CaptureDecision::NotYet(NotReady::Glare)
        );
        assert!(detect(&photo()).glare_fraction < 0.001);
    }

    #[test]
    fn a_small_page_is_too_far() {
        let mut frame = table(1000, 800);
        lay_page(
            &mut frame,
            [
                Point::new(400.0, 300.0),
                Point::new(560.0, 300.0),
                Point::new(560.0, 400.0),
                Point::new(400.0, 400.0),
            ],
        );
        let detection = detect(&frame);
        assert!(detection.quad.is_some());
        assert_eq!(
            decide(&detection, Some(0.0), &CaptureLimits::default()),
            CaptureDecision::NotYet(NotReady::TooFar)
        );
    }

    #[test]
    fn auto_capture_waits_for_a_still_page() {
        let mut capture = AutoCapture::default();
        let first = photo();
        assert_eq!(
            capture.observe(&first).1,
            CaptureDecision::NotYet(NotReady::Moving)
        );
        let mut moved = table(800, 760);
        let shifted = tilted_corners().map(|p| Point::new(p.x + 40.0, p.y + 20.0));
        lay_page(&mut moved, shifted);
        assert_eq!(
            capture.observe(&moved).1,
            CaptureDecision::NotYet(NotReady::Moving)
        );
        assert_eq!(capture.observe(&moved).1, CaptureDecision::Ready);
        capture.reset();
        assert_eq!(
            capture.observe(&moved).1,
            CaptureDecision::NotYet(NotReady::Moving)
        );
    }

    #[test]
    fn tiny_and_uniform_frames_do_not_fail() {
        assert_eq!(detect(&GrayImage::new(3, 2)).quad, None);
        assert_eq!(detect(&GrayImage::new(200, 100)).quad, None);
        // A blank white image is a blank scanned page.
        assert!(detect(&GrayImage::from_pixel(200, 100, Luma([255]))).fills_frame);
    }
}
