#![doc = include_str!("../README.md")]

mod rank;
mod words;

pub use rank::{rank, Entry, Match, Query, QueryError, Ranked, MAX_QUERY_WORDS, MAX_WORD_LEN};
pub use words::{max_edits, phrase, within, words};
