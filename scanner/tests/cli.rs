//! The `scanner` command as outside checks use it: the JSON lines of `classify` and `qr`, the
//! PDF of `process`, and bad files that are reported on one line each without stopping the
//! others or making the command panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use image::{GrayImage, ImageEncoder, Luma, RgbImage};
use serde_json::Value;

const SCANNER: &str = env!("CARGO_BIN_EXE_scanner");
const PAYSLIP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/payslip-200dpi.png");

fn scanner(args: &[&Path]) -> Output {
    Command::new(SCANNER)
        .args(args)
        .output()
        .expect("the scanner binary runs")
}

fn stdout_lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each stdout line is one JSON object"))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder of damaged and hostile files, each named after what is wrong with it.
struct BadFiles {
    dir: tempfile::TempDir,
}

impl BadFiles {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let files = BadFiles { dir };
        let png = png_bytes(&RgbImage::from_pixel(64, 64, image::Rgb([240, 240, 240])));
        let jpeg = jpeg_bytes(&RgbImage::from_pixel(64, 64, image::Rgb([240, 240, 240])));
        files.write("empty.png", &[]);
        files.write("truncated.png", &png[..png.len() / 2]);
        files.write("truncated.jpg", &jpeg[..jpeg.len() / 2]);
        let mut corrupt = jpeg.clone();
        for byte in corrupt.iter_mut().skip(200).step_by(7) {
            *byte = 0xFF;
        }
        files.write("corrupt.jpg", &corrupt);
        files.write(
            "not-an-image.jpg",
            b"Dear resident, this is a letter, not a photo.\n",
        );
        files.write("huge.png", &huge_png_header(50_000, 50_000));
        files.write("absurd-exif.jpg", &with_exif(&jpeg, &absurd_exif()));
        files
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.path(name), bytes).expect("writing a test file");
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Every damaged file except the one with absurd EXIF (which is still a readable image).
    fn unreadable(&self) -> Vec<PathBuf> {
        [
            "empty.png",
            "truncated.png",
            "truncated.jpg",
            "corrupt.jpg",
            "not-an-image.jpg",
            "huge.png",
        ]
        .iter()
        .map(|name| self.path(name))
        .chain(std::iter::once(self.path("missing.png")))
        .collect()
    }
}

fn png_bytes(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encoding a PNG in memory");
    out
}

fn jpeg_bytes(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut out)
        .encode_image(image)
        .expect("encoding a JPEG in memory");
    out
}

/// A valid PNG signature and header announcing `width` × `height`, then a tiny valid image's
/// data: what a decompression bomb looks like to a reader.
fn huge_png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png_bytes(&RgbImage::new(1, 1));
    // IHDR data starts after the 8-byte signature, 4-byte length and 4-byte type.
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// An EXIF block whose orientation is 9,999 and whose second directory points far past the end.
fn absurd_exif() -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    // Orientation (0x0112), SHORT, one value: 9999.
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0]);
    tiff.extend_from_slice(&9999u16.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    // ExifIFD pointer (0x8769), LONG, pointing 4 GB away.
    tiff.extend_from_slice(&[0x69, 0x87, 4, 0, 1, 0, 0, 0]);
    tiff.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    // Next directory: also far away.
    tiff.extend_from_slice(&0xFFFF_FF00u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    app1
}

/// `jpeg` with an APP1 segment holding `exif` right after its start marker.
fn with_exif(jpeg: &[u8], exif: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn assert_reported_on_one_line_each(output: &Output, files: &[PathBuf]) {
    let stderr = stderr(output);
    for file in files {
        let name = file.display().to_string();
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(&name)).collect();
        assert_eq!(lines.len(), 1, "{name} in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!output.status.success());
}

#[test]
fn classify_prints_one_json_object_per_file() {
    let output = scanner(&[
        Path::new("classify"),
        Path::new("--json"),
        Path::new(PAYSLIP),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 1);
    let line = lines[0].as_object().expect("an object");
    let keys: Vec<&str> = line.keys().map(String::as_str).collect();
    assert_eq!(keys, ["class", "confidence", "fields", "file"]);
    assert_eq!(line["file"], PAYSLIP);
    assert_eq!(line["class"], "payslip");
    let confidence = line["confidence"].as_f64().expect("a number");
    assert!((0.0..=1.0).contains(&confidence));
    assert!(line["fields"].is_object());
}

#[test]
fn classify_reports_bad_files_and_goes_on() {
    let bad = BadFiles::new();
    let mut args: Vec<PathBuf> = vec!["classify".into(), "--json".into()];
    args.extend(bad.unreadable());
    args.push(PAYSLIP.into());
    args.push(bad.path("absurd-exif.jpg"));
    let refs: Vec<&Path> = args.iter().map(PathBuf::as_path).collect();
    let output = scanner(&refs);
    assert_reported_on_one_line_each(&output, &bad.unreadable());
    let files: Vec<String> = stdout_lines(&output)
        .iter()
        .map(|line| line["file"].as_str().expect("a file name").to_owned())
        .collect();
    assert_eq!(
        files,
        [
            PAYSLIP.to_owned(),
            bad.path("absurd-exif.jpg").display().to_string()
        ]
    );
    let huge = stderr(&output)
        .lines()
        .find(|l| l.contains("huge.png"))
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(huge.contains("50000 × 50000"), "{huge}");
}

#[test]
fn qr_prints_the_payloads_of_each_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let code = qrcode::QrCode::new(b"https://cloud.example.org/s/Xy7pQ2").expect("a QR code");
    let card: GrayImage = code
        .render::<Luma<u8>>()
        .quiet_zone(true)
        .min_dimensions(300, 300)
        .build();
    let card_path = dir.path().join("card.png");
    card.save(&card_path).expect("saving the card");
    let blank_path = dir.path().join("blank.png");
    GrayImage::from_pixel(200, 200, Luma([255]))
        .save(&blank_path)
        .expect("saving a blank");
    let bad = BadFiles::new();

    let output = scanner(&[
        Path::new("qr"),
        Path::new("--json"),
        &card_path,
        &bad.path("truncated.png"),
        &blank_path,
    ]);
    assert_reported_on_one_line_each(&output, &[bad.path("truncated.png")]);
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], card_path.display().to_string());
    assert_eq!(
        lines[0]["payloads"],
        serde_json::json!(["https://cloud.example.org/s/Xy7pQ2"])
    );
    assert_eq!(lines[1]["payloads"], serde_json::json!([]));
}

#[test]
fn process_writes_one_searchable_pdf_of_the_readable_pages() {
    let bad = BadFiles::new();
    let pdf = bad.path("out.pdf");
    let output = scanner(&[
        Path::new("process"),
        Path::new(PAYSLIP),
        &bad.path("empty.png"),
        Path::new(PAYSLIP),
        Path::new("-o"),
        &pdf,
    ]);
    assert_reported_on_one_line_each(&output, &[bad.path("empty.png")]);
    let bytes = std::fs::read(&pdf).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.matches("/Type /Page\n").count(), 2);
    assert!(text.contains("SALAIRE"));
    assert!(String::from_utf8_lossy(&output.stdout).contains("payslip"));
}

#[test]
fn process_without_any_readable_page_fails_without_a_pdf() {
    let bad = BadFiles::new();
    let pdf = bad.path("out.pdf");
    let output = scanner(&[
        Path::new("process"),
        &bad.path("huge.png"),
        Path::new("-o"),
        &pdf,
    ]);
    assert!(!output.status.success());
    assert!(!pdf.exists());
    assert!(stderr(&output).contains("huge.png"));
}

#[test]
fn images_of_a_pixel_or_a_few_are_classified_as_other() {
    // A one-pixel dark image once made the ink labelling (imageproc's `connected_components`)
    // panic: such a picture is a valid image, and gets an answer like any other.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut args: Vec<PathBuf> = vec!["classify".into(), "--json".into()];
    for (width, height, grey) in [(1, 1, 0), (1, 1, 255), (2, 1, 0), (3, 3, 0), (1, 40, 0)] {
        let path = dir.path().join(format!("{width}x{height}-{grey}.png"));
        let image = RgbImage::from_pixel(width, height, image::Rgb([grey; 3]));
        std::fs::write(&path, png_bytes(&image)).expect("writing a test file");
        args.push(path);
    }
    let refs: Vec<&Path> = args.iter().map(PathBuf::as_path).collect();
    let output = scanner(&refs);
    assert!(output.status.success(), "{}", stderr(&output));
    let classes: Vec<Value> = stdout_lines(&output)
        .iter()
        .map(|line| line["class"].clone())
        .collect();
    assert_eq!(classes, vec![Value::from("other"); 5]);
}
