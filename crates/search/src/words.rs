//! Text into words: splitting names and labels, folding plurals, and how far
//! apart two words may be and still match.

/// The words of `text`: split on anything but letters and digits, on a
/// change of case and between letters and digits; lowercased; simple English
/// plurals folded to the singular.
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut out);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_alphabetic() != c.is_alphabetic() && prev.is_alphanumeric())
                || (prev.is_lowercase() && c.is_uppercase())
                // The last capital of a run starts the next word: `HTTPServer`.
                || (prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase));
            if boundary {
                flush(&mut current, &mut out);
            }
        }
        current.extend(c.to_lowercase());
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.is_empty() {
        out.push(singular(std::mem::take(current)));
    }
}

/// `word` without a simple English plural ending. Index and query words are
/// folded alike, so the rule needs to be consistent more than correct.
fn singular(word: String) -> String {
    let n = word.chars().count();
    if n < 4 || !word.chars().all(char::is_alphabetic) {
        return word;
    }
    let cut = |k: usize| word[..word.len() - k].to_owned();
    if word.ends_with("ies") && n > 4 {
        return format!("{}y", cut(3));
    }
    if ["sses", "xes", "ches", "shes"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        return cut(2);
    }
    if word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e)) {
        return cut(1);
    }
    word
}

/// The words of `text` joined by single spaces: `devilFruitType` and
/// `Devil fruit types` are both `devil fruit type`.
pub fn phrase(text: &str) -> String {
    words(text).join(" ")
}

/// How many edits a query word may be from a word it matches: none below
/// five letters (short words have too many neighbours), one up to seven,
/// two from eight.
pub fn max_edits(word: &str) -> usize {
    match word.chars().count() {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// Whether `a` and `b` are at most `edits` insertions, deletions,
/// substitutions or transpositions of adjacent letters apart.
pub fn within(a: &str, b: &str, edits: usize) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    la.abs_diff(lb) <= edits && strsim::osa_distance(a, b) <= edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_on_case_separators_and_digits() {
        for (text, expected) in [
            ("devilFruitType", vec!["devil", "fruit", "type"]),
            ("devil_fruit_type", vec!["devil", "fruit", "type"]),
            ("devil-fruit-type", vec!["devil", "fruit", "type"]),
            ("Devil fruit type", vec!["devil", "fruit", "type"]),
            ("HTTPServer", vec!["http", "server"]),
            ("status10", vec!["status", "10"]),
            ("release_year", vec!["release", "year"]),
            ("l_orderkey", vec!["l", "orderkey"]),
            ("  ", vec![]),
            ("Émission télé", vec!["émission", "télé"]),
        ] {
            assert_eq!(words(text), expected, "{text}");
        }
    }

    #[test]
    fn plurals_fold_to_the_singular() {
        for (plural, singular) in [
            ("fruits", "fruit"),
            ("categories", "category"),
            ("boxes", "box"),
            ("classes", "class"),
            ("matches", "match"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("class", "class"),
            ("bus", "bus"),
        ] {
            assert_eq!(words(plural), [singular], "{plural}");
        }
        assert_eq!(phrase("DEVIL-FRUITS"), phrase("devilFruit"));
    }

    #[test]
    fn edits_allowed_grow_with_the_word() {
        assert_eq!(max_edits("year"), 0);
        assert_eq!(max_edits("fruit"), 1);
        assert_eq!(max_edits("character"), 2);
        assert!(within("fruit", "fruti", 1), "a transposition is one edit");
        assert!(within("charactre", "character", 2));
        assert!(!within("fruit", "front", 1));
        assert!(!within("a", "abcdef", 2), "lengths alone rule it out");
    }
}
