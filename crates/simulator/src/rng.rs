//! A small seeded pseudo-random generator and key mixing.
//!
//! Every random choice of the simulator is derived from a *key* (seed, household, date, stream)
//! rather than from one long sequence, so that any household on any day can be generated on its
//! own, in any order, on any thread, and still come out identical. SplitMix64 is enough for that:
//! it is tiny, fast, passes BigCrush, and its output function doubles as a good 64-bit hash.

/// Golden-ratio increment of SplitMix64.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 finaliser: a bijective 64-bit mix with full avalanche.
#[inline]
pub(crate) const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Combines a key with one more component; order matters, so `(a, b)` and `(b, a)` differ.
#[inline]
pub(crate) const fn key(acc: u64, part: u64) -> u64 {
    mix64(acc.wrapping_add(GAMMA) ^ mix64(part.wrapping_add(0x2545_F491_4F6C_DD1D)))
}

/// Named streams, so that two purposes never share random numbers even for the same key.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
pub(crate) enum Stream {
    /// Household profile parameters.
    Household = 1,
    /// Per-household, per-day behaviour: vacancy, appliance events, noise.
    Day = 2,
    /// Programme-wide daily weather: temperature anomaly and cloud cover.
    Weather = 3,
}

/// SplitMix64 generator.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator for one purpose (`stream`) of one seed and a list of key parts.
    pub(crate) fn for_key(seed: u64, stream: Stream, parts: &[u64]) -> Self {
        let mut acc = key(seed, stream as u64);
        for &part in parts {
            acc = key(acc, part);
        }
        Self { state: acc }
    }

    /// The next 64 random bits.
    #[inline]
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix64(self.state)
    }

    /// Uniform in `[0, 1)` with 53 bits of precision.
    #[inline]
    pub(crate) fn uniform(&mut self) -> f64 {
        unit(self.next_u64())
    }

    /// Uniform in `[lo, hi)`.
    #[inline]
    pub(crate) fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// `true` with probability `p`.
    #[inline]
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// An approximately standard normal number from one draw: the sum of four 16-bit uniforms
    /// (Irwin–Hall), rescaled to mean 0 and variance 1. Bounded to ±3.46, which is what we want
    /// for noise anyway (no absurd outliers), and far cheaper than Box–Muller in the hot loop.
    #[inline]
    pub(crate) fn normal(&mut self) -> f64 {
        irwin_hall4(self.next_u64())
    }
}

/// Maps 64 random bits to `[0, 1)`.
#[inline]
pub(crate) fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Approximately standard normal from 64 random bits (see [`SplitMix64::normal`]).
#[inline]
pub(crate) fn irwin_hall4(bits: u64) -> f64 {
    let sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
    // Each part is uniform on 0..=65535: mean 32767.5, variance (65536² − 1) / 12.
    const MEAN: f64 = 4.0 * 32_767.5;
    const SD: f64 = 37_837.226_5; // sqrt(4 × (65536² − 1) / 12)
    (sum as f64 - MEAN) / SD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_same_numbers_and_streams_differ() {
        let mut a = SplitMix64::for_key(42, Stream::Day, &[7, 19_000]);
        let mut b = SplitMix64::for_key(42, Stream::Day, &[7, 19_000]);
        let mut c = SplitMix64::for_key(42, Stream::Weather, &[7, 19_000]);
        let mut d = SplitMix64::for_key(42, Stream::Day, &[19_000, 7]);
        let xa: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        let xd: Vec<u64> = (0..8).map(|_| d.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
        assert_ne!(xa, xd);
    }

    #[test]
    fn uniform_and_normal_have_the_right_moments() {
        let mut rng = SplitMix64::for_key(1, Stream::Household, &[]);
        let n = 200_000;
        let (mut su, mut sn, mut sn2) = (0.0, 0.0, 0.0);
        for _ in 0..n {
            let u = rng.uniform();
            assert!((0.0..1.0).contains(&u));
            su += u;
            let z = rng.normal();
            assert!(z.abs() < 3.5);
            sn += z;
            sn2 += z * z;
        }
        let n = f64::from(n);
        assert!((su / n - 0.5).abs() < 0.005);
        assert!((sn / n).abs() < 0.01);
        assert!((sn2 / n - 1.0).abs() < 0.02);
    }
}
