//! A search query, what the index knows of a candidate, and the tier a
//! candidate reaches with the reason it does.

use crate::words::{max_edits, within, words};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most words a query may have.
pub const MAX_QUERY_WORDS: usize = 8;
/// The longest word a query may have, in characters.
pub const MAX_WORD_LEN: usize = 64;
/// The longest query text, in characters, read before it is split.
const MAX_QUERY_CHARS: usize = 1024;

/// A search term, split into words like the names it is matched with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    /// The words joined by single spaces.
    pub phrase: String,
}

/// Why a search term cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// No letter or digit in it.
    Empty,
    TooLong {
        chars: usize,
    },
    TooManyWords {
        words: usize,
    },
    WordTooLong {
        word: String,
    },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the search term has no letter or digit"),
            Self::TooLong { chars } => write!(
                f,
                "the search term is {chars} characters long; at most {MAX_QUERY_CHARS} are read"
            ),
            Self::TooManyWords { words } => write!(
                f,
                "the search term has {words} words; at most {MAX_QUERY_WORDS} are searched for"
            ),
            Self::WordTooLong { word } => write!(
                f,
                "the word `{}…` of the search term is longer than {MAX_WORD_LEN} characters",
                word.chars().take(16).collect::<String>()
            ),
        }
    }
}

impl std::error::Error for QueryError {}

impl Query {
    /// Splits `text` into words ([`words`]); refuses empty or oversized input.
    pub fn parse(text: &str) -> Result<Self, QueryError> {
        let chars = text.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong { chars });
        }
        let words = words(text);
        if words.is_empty() {
            return Err(QueryError::Empty);
        }
        if words.len() > MAX_QUERY_WORDS {
            return Err(QueryError::TooManyWords { words: words.len() });
        }
        if let Some(word) = words.iter().find(|w| w.chars().count() > MAX_WORD_LEN) {
            return Err(QueryError::WordTooLong { word: word.clone() });
        }
        let phrase = words.join(" ");
        Ok(Self { words, phrase })
    }

    /// Whether query word `q` matches word `w` as a prefix or within its edits
    /// (not exactly: that is a word match).
    pub fn near(q: &str, w: &str) -> bool {
        (q.len() >= 2 && w.starts_with(q)) || within(q, w, max_edits(q))
    }
}

/// What the search index knows of a candidate: its labels, alternative
/// labels and names as phrases ([`crate::phrase`]), and the words of its
/// descriptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub labels: Vec<String>,
    pub alt_labels: Vec<String>,
    pub names: Vec<String>,
    pub description_words: Vec<String>,
}

/// How a candidate matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// A label or name equals the query.
    Exact,
    /// A label or name starts with the query.
    Prefix,
    /// Every query word is a word of a label or name.
    Word,
    /// Every query word matches a word of a label or name, as a prefix or despite a typo.
    Fuzzy,
    /// Every query word is found, one at least in a description only.
    Description,
}

impl Match {
    pub const ALL: [Match; 5] = [
        Self::Exact,
        Self::Prefix,
        Self::Word,
        Self::Fuzzy,
        Self::Description,
    ];
}

/// The tier a candidate reached, and why, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub tier: Match,
    pub why: String,
}

/// The best tier `entry` reaches for `query`, or `None` when it does not match.
pub fn rank(query: &Query, entry: &Entry) -> Option<Ranked> {
    let sources = [
        ("label", &entry.labels),
        ("alternative label", &entry.alt_labels),
        ("name", &entry.names),
    ];
    let phrases = || {
        sources
            .iter()
            .flat_map(|(what, phrases)| phrases.iter().map(move |p| (*what, p.as_str())))
    };
    let ranked = |tier, why| Some(Ranked { tier, why });
    if let Some((what, p)) = phrases().find(|(_, p)| *p == query.phrase) {
        return ranked(Match::Exact, format!("{what} \"{p}\""));
    }
    if let Some((what, p)) = phrases().find(|(_, p)| p.starts_with(&query.phrase)) {
        return ranked(
            Match::Prefix,
            format!("{what} \"{p}\" starts with \"{}\"", query.phrase),
        );
    }
    let named: Vec<&str> = phrases().flat_map(|(_, p)| p.split(' ')).collect();
    if query.words.iter().all(|q| named.contains(&q.as_str())) {
        return ranked(
            Match::Word,
            format!(
                "words \"{}\" of a label or name",
                query.words.join("\", \"")
            ),
        );
    }
    let near: Option<Vec<String>> = query
        .words
        .iter()
        .map(|q| {
            if named.contains(&q.as_str()) {
                return Some(format!("\"{q}\""));
            }
            let w = named.iter().find(|w| Query::near(q, w))?;
            Some(format!("\"{q}\" ~ \"{w}\""))
        })
        .collect();
    if let Some(near) = near {
        return ranked(Match::Fuzzy, near.join(", "));
    }
    let described = &entry.description_words;
    let all_found = query
        .words
        .iter()
        .all(|q| named.contains(&q.as_str()) || described.contains(q));
    if all_found {
        return ranked(
            Match::Description,
            format!(
                "description has \"{}\"",
                query
                    .words
                    .iter()
                    .filter(|q| !named.contains(&q.as_str()))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\", \"")
            ),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase;

    fn entry(labels: &[&str], names: &[&str], description: &str) -> Entry {
        Entry {
            labels: labels.iter().map(|l| phrase(l)).collect(),
            alt_labels: Vec::new(),
            names: names.iter().map(|n| phrase(n)).collect(),
            description_words: words(description),
        }
    }

    fn tier(query: &str, entry: &Entry) -> Option<Match> {
        rank(&Query::parse(query).unwrap(), entry).map(|r| r.tier)
    }

    #[test]
    fn tiers_go_from_exact_to_description() {
        let e = entry(
            &["Devil fruit type"],
            &["devilFruitType"],
            "The paramecia, zoan or logia kind.",
        );
        assert_eq!(tier("devil fruit type", &e), Some(Match::Exact));
        assert_eq!(tier("DEVIL_FRUIT_TYPES", &e), Some(Match::Exact));
        assert_eq!(tier("devil fr", &e), Some(Match::Prefix));
        assert_eq!(tier("fruit type", &e), Some(Match::Word));
        assert_eq!(tier("fruti", &e), Some(Match::Fuzzy));
        assert_eq!(tier("typ", &e), Some(Match::Fuzzy), "a word's prefix");
        assert_eq!(tier("zoan fruit", &e), Some(Match::Description));
        assert_eq!(tier("pirate", &e), None);
        assert_eq!(tier("frt", &e), None, "short words need exact letters");
    }

    #[test]
    fn the_reason_names_what_matched() {
        let e = entry(&[], &["releaseYear"], "");
        let r = rank(&Query::parse("relaese").unwrap(), &e).unwrap();
        assert_eq!(r.why, "\"relaese\" ~ \"release\"");
        let e = Entry {
            alt_labels: vec![phrase("film")],
            ..Entry::default()
        };
        let r = rank(&Query::parse("Films").unwrap(), &e).unwrap();
        assert_eq!(
            (r.tier, r.why.as_str()),
            (Match::Exact, "alternative label \"film\"")
        );
    }

    #[test]
    fn oversized_or_empty_queries_are_refused() {
        assert_eq!(Query::parse(" -- "), Err(QueryError::Empty));
        assert!(matches!(
            Query::parse(&"a ".repeat(9)),
            Err(QueryError::TooManyWords { words: 9 })
        ));
        assert!(matches!(
            Query::parse(&"x".repeat(65)),
            Err(QueryError::WordTooLong { .. })
        ));
        assert!(matches!(
            Query::parse(&"x".repeat(5000)),
            Err(QueryError::TooLong { chars: 5000 })
        ));
    }
}
