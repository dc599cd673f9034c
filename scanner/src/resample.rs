//! Resizing grey images without the memory `image`'s resize costs.
//!
//! `image::imageops::resize` works through a four-channel `f32` copy of the image: a grey page
//! of 1700 × 2400 pixels, halved, passes through 32 MB to come out as 1 MB. The camera worker
//! and the document worker each resize several times per frame or page, and those copies
//! set the kiosk's peak memory. `fast_image_resize` filters with the same kernels straight
//! on bytes (its intermediate is one grey image), and with SIMD, which also makes it faster.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType as Kernel, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::GrayImage;
use image::imageops::{self, FilterType};

/// `image` resized to `width` × `height` with `filter` (the same filters as
/// `image::imageops::resize`; `Triangle` is the bilinear one).
pub fn resize(image: &GrayImage, width: u32, height: u32, filter: FilterType) -> GrayImage {
    if image.width() == 0 || image.height() == 0 || width == 0 || height == 0 {
        return GrayImage::new(width, height);
    }
    let algorithm = match filter {
        FilterType::Nearest => ResizeAlg::Nearest,
        FilterType::Triangle => ResizeAlg::Convolution(Kernel::Bilinear),
        FilterType::CatmullRom => ResizeAlg::Convolution(Kernel::CatmullRom),
        FilterType::Gaussian => ResizeAlg::Convolution(Kernel::Gaussian),
        FilterType::Lanczos3 => ResizeAlg::Convolution(Kernel::Lanczos3),
    };
    let mut resized = Image::new(width, height, PixelType::U8);
    let done = ImageRef::new(image.width(), image.height(), image.as_raw(), PixelType::U8)
        .map_err(|_| ())
        .and_then(|source| {
            Resizer::new()
                .resize(
                    &source,
                    &mut resized,
                    &ResizeOptions::new().resize_alg(algorithm),
                )
                .map_err(|_| ())
        });
    match done {
        Ok(()) => GrayImage::from_raw(width, height, resized.into_vec())
            .unwrap_or_else(|| imageops::resize(image, width, height, filter)),
        // Not expected for a grey image whose buffer matches its size; `image` still knows how.
        Err(()) => imageops::resize(image, width, height, filter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vertical stripes, 4 pixels dark, 4 light, with a gradient down the page.
    fn stripes(width: u32, height: u32) -> GrayImage {
        GrayImage::from_fn(width, height, |x, y| {
            let base = if (x / 4) % 2 == 0 { 40 } else { 220 };
            image::Luma([(base + y * 20 / height) as u8])
        })
    }

    #[test]
    fn matches_image_resize_within_a_level_or_two() {
        let source = stripes(301, 199);
        for (width, height, filter) in [
            (150, 99, FilterType::Triangle),
            (97, 211, FilterType::Triangle),
            (450, 300, FilterType::CatmullRom),
            (60, 40, FilterType::Lanczos3),
        ] {
            let ours = resize(&source, width, height, filter);
            let reference = imageops::resize(&source, width, height, filter);
            assert_eq!(ours.dimensions(), (width, height));
            let worst = ours
                .pixels()
                .zip(reference.pixels())
                .map(|(a, b)| a.0[0].abs_diff(b.0[0]))
                .max()
                .unwrap();
            assert!(worst <= 3, "{filter:?} to {width}×{height}: off by {worst}");
        }
    }

    #[test]
    fn empty_images_resize_to_blank_ones() {
        assert_eq!(
            resize(&GrayImage::new(0, 10), 5, 5, FilterType::Triangle).dimensions(),
            (5, 5)
        );
        assert_eq!(
            resize(&stripes(8, 8), 0, 4, FilterType::Triangle).dimensions(),
            (0, 4)
        );
    }
}
