//! Finding documents on disk: the `.json` files a path names, for `check`,
//! the `testing` feature's fixture folders and the codegen's `infer`; and
//! the UTF-8 byte order mark that editors put before some of them.

use std::io;
use std::path::{Path, PathBuf};

/// Folders nest far less than this; the bound keeps a symlink loop from
/// recursing without end.
const MAX_DEPTH: usize = 32;

/// `path` itself when it is no folder; otherwise every `.json` file below
/// it, at any depth, in sorted order. A folder that cannot be read is an
/// error naming it.
pub fn json_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if path.is_dir() {
        collect(path, 0, &mut found)?;
    } else {
        found.push(path.to_owned());
    }
    Ok(found)
}

/// The UTF-8 encoding of U+FEFF, which .NET tooling and Windows editors
/// write at the start of the files they save.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// What `check` and `testing` say of a document that starts with a byte order mark.
pub const BYTE_ORDER_MARK_NOTE: &str =
    "starts with a byte order mark (EF BB BF), which JSON does not allow and Lambda never sends; checked as if it were absent";

/// The document without its leading byte order mark, when it has one.
pub fn without_byte_order_mark(bytes: &[u8]) -> Option<&[u8]> {
    bytes.strip_prefix(BYTE_ORDER_MARK)
}

fn collect(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) -> io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let unreadable = |error: io::Error| io::Error::new(error.kind(), format!("{}: {error}", dir.display()));
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(unreadable)?.map(|entry| entry.map(|entry| entry.path())).collect::<Result<_, _>>().map_err(unreadable)?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, depth + 1, found)?;
        } else if entry.extension().is_some_and(|extension| extension == "json") {
            found.push(entry);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{json_files, without_byte_order_mark};

    #[test]
    fn only_a_leading_byte_order_mark_is_taken_off() {
        assert_eq!(without_byte_order_mark(b"\xEF\xBB\xBF{}"), Some(&b"{}"[..]));
        assert_eq!(without_byte_order_mark(b"{}"), None);
        assert_eq!(without_byte_order_mark(b" \xEF\xBB\xBF{}"), None);
    }

    #[test]
    fn a_folder_gives_its_json_files_at_any_depth_sorted() {
        let root = std::env::temp_dir().join(format!("catalog-json-files-{}", std::process::id()));
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        for file in ["b/c/z.json", "b/a.json", "a.json", "notes.txt"] {
            std::fs::write(root.join(file), "{}").unwrap();
        }
        let found = json_files(&root).unwrap();
        let names: Vec<String> = found.iter().map(|path| path.strip_prefix(&root).unwrap().display().to_string()).collect();
        assert_eq!(names, ["a.json", "b/a.json", "b/c/z.json"]);
        assert_eq!(json_files(&root.join("notes.txt")).unwrap(), [root.join("notes.txt")]);
        let missing = json_files(&root.join("missing")).unwrap();
        assert_eq!(missing, [root.join("missing")], "a path that is no folder is left for its reader to report");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
