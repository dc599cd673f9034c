//! The stable-Rust smoke run of the fuzz targets.
//!
//! Real fuzzing needs nightly and libFuzzer (`cargo fuzz run TARGET`, see README.md). CI has
//! neither, so each target is also an ordinary binary: built without `--cfg fuzzing`, its
//! `main` calls [`smoke`], which runs the target's body over its committed seed corpus
//! (`corpus/TARGET/`) and then over deterministic pseudo-random mutations of those seeds. A
//! panic — what libFuzzer would report as a crash — saves the input under `artifacts/TARGET/`
//! and makes the run fail. Same seeds, same mutations, every run: a failure reproduces.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Mutated inputs tried per target unless `FUZZ_SMOKE_ITERATIONS` says otherwise.
const DEFAULT_ITERATIONS: usize = 3000;
/// The largest input a mutation may grow to.
const MAX_INPUT: usize = 64 * 1024;
/// Bytes worth inserting: MRZ filler, digits and letters OCR confuses, line and page breaks,
/// multi-byte UTF-8, format magic numbers' favourite values.
const INTERESTING: &[u8] = b"<<0O1I5S8B2Z6G\n\x0c\xc3\xa9\xff\x00\x7f\x80 /-.";

/// Runs `body` over the seed corpus of `target` and over mutations of it; exits the process
/// with status 1 on the first input that panics, after saving that input.
pub fn smoke(target: &str, body: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = read_corpus(&root.join("corpus").join(target));
    if seeds.is_empty() {
        eprintln!("{target}: no seed corpus in corpus/{target}/");
        std::process::exit(1);
    }
    let iterations = std::env::var("FUZZ_SMOKE_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_ITERATIONS);
    let started = Instant::now();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let run = |input: &[u8]| {
        if panic::catch_unwind(AssertUnwindSafe(|| body(input))).is_err() {
            let saved = save_crash(root, target, input);
            eprintln!("{target}: panic on an input saved to {}", saved.display());
            std::process::exit(1);
        }
    };
    for seed in &seeds {
        run(seed);
    }
    for _ in 0..iterations {
        let input = mutate(&seeds, &mut rng);
        run(&input);
    }
    println!(
        "{target}: {} seeds and {iterations} mutations, no panic ({:.1} s)",
        seeds.len(),
        started.elapsed().as_secs_f32()
    );
}

fn read_corpus(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.is_file())
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn save_crash(root: &Path, target: &str, input: &[u8]) -> PathBuf {
    let dir = root.join("artifacts").join(target);
    let hash = input
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let path = dir.join(format!("smoke-crash-{hash:016x}"));
    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, input)) {
        eprintln!("{target}: could not save the input: {e}");
    }
    path
}

/// A small, fast, deterministic generator (xorshift64*); quality enough to pick mutations.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// A seed with one to four mutations: bit flips, interesting or random bytes written or
/// inserted, ranges deleted, duplicated or spliced in from another seed, truncation.
fn mutate(seeds: &[Vec<u8>], rng: &mut XorShift) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        let at = rng.below(len + 1);
        match rng.below(8) {
            0 if len > 0 => data[at.min(len - 1)] ^= 1 << rng.below(8),
            1 if len > 0 => data[at.min(len - 1)] = INTERESTING[rng.below(INTERESTING.len())],
            2 => data.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            3 => data.insert(at, rng.next() as u8),
            4 => {
                let end = (at + 1 + rng.below(16)).min(len);
                data.drain(at.min(end)..end);
            }
            5 => {
                let end = (at + 1 + rng.below(32)).min(len);
                let copy = data[at.min(end)..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            6 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(64)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            _ => data.truncate(at),
        }
        data.truncate(MAX_INPUT);
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_are_deterministic_and_bounded() {
        let seeds = vec![b"P<UTOERIKSSON<<ANNA".to_vec(), Vec::new()];
        let run = || {
            let mut rng = XorShift(1);
            (0..200).map(|_| mutate(&seeds, &mut rng)).collect::<Vec<_>>()
        };
        let first = run();
        assert_eq!(first, run());
        assert!(first.iter().any(|m| m != &seeds[0] && m != &seeds[1]));
        assert!(first.iter().all(|m| m.len() <= MAX_INPUT));
    }
}
