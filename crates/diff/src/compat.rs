//! Compatibility modes, as in Confluent Schema Registry.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Which earlier versions a new version must stay compatible with, and how.
///
/// BACKWARD: consumers using the new version can read data written with the
/// old one. FORWARD: consumers using the old version can read data written
/// with the new one. FULL: both. The transitive modes check against every
/// earlier version instead of only the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum CompatibilityMode {
    None,
    #[default]
    Backward,
    Forward,
    Full,
    BackwardTransitive,
    ForwardTransitive,
    FullTransitive,
}

impl CompatibilityMode {
    /// Every mode, in a stable order.
    pub const ALL: [CompatibilityMode; 7] = [
        Self::None,
        Self::Backward,
        Self::Forward,
        Self::Full,
        Self::BackwardTransitive,
        Self::ForwardTransitive,
        Self::FullTransitive,
    ];

    /// The mode's name, e.g. `BACKWARD_TRANSITIVE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Backward => "BACKWARD",
            Self::Forward => "FORWARD",
            Self::Full => "FULL",
            Self::BackwardTransitive => "BACKWARD_TRANSITIVE",
            Self::ForwardTransitive => "FORWARD_TRANSITIVE",
            Self::FullTransitive => "FULL_TRANSITIVE",
        }
    }

    /// Whether the new version is checked against every earlier version.
    pub fn is_transitive(self) -> bool {
        matches!(
            self,
            Self::BackwardTransitive | Self::ForwardTransitive | Self::FullTransitive
        )
    }

    /// Whether a change with these consequences is refused under this mode.
    pub fn is_broken_by(self, breaks: Breaks) -> bool {
        match self {
            Self::None => false,
            Self::Backward | Self::BackwardTransitive => breaks.backward,
            Self::Forward | Self::ForwardTransitive => breaks.forward,
            Self::Full | Self::FullTransitive => breaks.backward || breaks.forward,
        }
    }
}

impl fmt::Display for CompatibilityMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CompatibilityMode {
    type Err = String;

    /// Accepts the Confluent names in any case, with `-` or `_`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|m| m.as_str()).collect();
                format!(
                    "unknown compatibility mode `{s}` (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

impl Serialize for CompatibilityMode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which readers a change breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Breaks {
    /// Consumers using the new version can no longer read data written with the old one.
    pub backward: bool,
    /// Consumers using the old version can no longer read data written with the new one.
    pub forward: bool,
}

impl Breaks {
    pub const NONE: Breaks = Breaks {
        backward: false,
        forward: false,
    };
    pub const BACKWARD: Breaks = Breaks {
        backward: true,
        forward: false,
    };
    pub const FORWARD: Breaks = Breaks {
        backward: false,
        forward: true,
    };
    pub const BOTH: Breaks = Breaks {
        backward: true,
        forward: true,
    };

    /// The modes under which the change is refused.
    pub fn modes(self) -> Vec<CompatibilityMode> {
        CompatibilityMode::ALL
            .into_iter()
            .filter(|m| m.is_broken_by(self))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in CompatibilityMode::ALL {
            assert_eq!(m.as_str().parse::<CompatibilityMode>(), Ok(m));
        }
        assert_eq!(
            "full-transitive".parse(),
            Ok(CompatibilityMode::FullTransitive)
        );
        assert!("SIDEWAYS".parse::<CompatibilityMode>().is_err());
    }

    #[test]
    fn modes_refuse_the_right_directions() {
        assert_eq!(Breaks::NONE.modes(), vec![]);
        assert_eq!(
            Breaks::BACKWARD.modes(),
            vec![
                CompatibilityMode::Backward,
                CompatibilityMode::Full,
                CompatibilityMode::BackwardTransitive,
                CompatibilityMode::FullTransitive
            ]
        );
        assert!(!CompatibilityMode::None.is_broken_by(Breaks::BOTH));
    }
}
