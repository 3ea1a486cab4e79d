//! Figures with their uncertainty: each headline number is the mean over independent
//! replications with a 95 % confidence interval (Student's t, since there are only a few), and a
//! difference is called only when two intervals do not overlap.

use crate::plan::T_95_4DF;
use serde::{Deserialize, Serialize};

/// A mean with a 95 % confidence interval.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub mean: f64,
    /// Half the interval's width (`mean ± half`).
    pub half: f64,
}

impl Interval {
    /// The mean of `xs` with a t-based 95 % interval (t for 4 degrees of freedom, i.e. five
    /// replications; other counts use the normal 1.96, only reached by tests). Infinite values
    /// (a quantile beyond every answer) make the whole interval infinite.
    pub fn of(xs: &[f64]) -> Interval {
        let n = xs.len();
        if n == 0 {
            return Interval::default();
        }
        if xs.iter().any(|x| !x.is_finite()) {
            return Interval {
                mean: f64::INFINITY,
                half: f64::INFINITY,
            };
        }
        let mean = xs.iter().sum::<f64>() / n as f64;
        if n == 1 {
            return Interval { mean, half: 0.0 };
        }
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let t = if n == 5 { T_95_4DF } else { 1.96 };
        Interval {
            mean,
            half: t * (var / n as f64).sqrt(),
        }
    }

    pub fn lo(&self) -> f64 {
        self.mean - self.half
    }

    pub fn hi(&self) -> f64 {
        self.mean + self.half
    }

    /// Whether the two intervals share any value (then no difference is claimed).
    pub fn overlaps(&self, other: &Interval) -> bool {
        if !self.mean.is_finite() || !other.mean.is_finite() {
            return self.mean.is_finite() == other.mean.is_finite();
        }
        self.lo() <= other.hi() && other.lo() <= self.hi()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_replications_use_students_t() {
        let i = Interval::of(&[10.0, 12.0, 11.0, 9.0, 13.0]);
        assert_eq!(i.mean, 11.0);
        // s = sqrt(2.5), half = 2.776 × s / sqrt(5)
        assert!((i.half - 2.776 * (2.5f64 / 5.0).sqrt()).abs() < 1e-12);
        assert!(i.overlaps(&Interval {
            mean: 13.0,
            half: 0.1
        }));
        assert!(!i.overlaps(&Interval {
            mean: 20.0,
            half: 1.0
        }));
    }

    #[test]
    fn an_infinite_figure_makes_the_interval_infinite() {
        let i = Interval::of(&[1.0, f64::INFINITY]);
        assert!(i.mean.is_infinite());
        assert!(!i.overlaps(&Interval::of(&[1.0, 2.0])));
        assert!(i.overlaps(&i));
    }
}
