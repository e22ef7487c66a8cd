//! Finding documents on disk: the `.json` files a path names, for `check`,
//! the `testing` feature's fixture folders and the codegen's `infer`; reading
//! one without trusting what it is or how large it says it is; and the UTF-8
//! byte order mark that editors put before some of them.
//!
//! A walk takes regular files and symbolic links to regular files; it
//! descends into folders but not into symbolic links to folders, so that no
//! link can make it loop (`l -> ..`). What it leaves that could have been a
//! document (a named pipe called `pipe.json`, a link to a folder or to
//! `/dev/zero`) is a [`Skipped`] entry with the reason.

use std::fmt;
use std::fs::{File, FileType};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Folders nest far less than this. A walk that follows no symbolic link to
/// a folder cannot loop, but a bind mount of a folder inside itself can.
const MAX_DEPTH: usize = 32;

/// What a walk found below a path.
#[derive(Debug, Default, PartialEq)]
pub struct JsonFiles {
    /// The `.json` files, in sorted order.
    pub files: Vec<PathBuf>,
    /// The entries not taken, in sorted order, each with why.
    pub skipped: Vec<Skipped>,
}

/// An entry of a folder that a walk did not take.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The entry.
    pub path: PathBuf,
    /// Why it was not taken (`a named pipe (FIFO), not a regular file`).
    pub reason: String,
}

/// `path` itself when it is no folder; otherwise every `.json` file below
/// it, at any depth, in sorted order, and the entries the walk did not take
/// (see the module's docs). A folder that cannot be read is an error naming it.
pub fn find_json_files(path: &Path) -> io::Result<JsonFiles> {
    let mut found = JsonFiles::default();
    if path.is_dir() {
        collect(path, 0, &mut found)?;
    } else {
        found.files.push(path.to_owned());
    }
    Ok(found)
}

/// The files of [`find_json_files`], without the entries it skipped.
pub fn json_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    find_json_files(path).map(|found| found.files)
}

/// What kind of entry a file type is, for a reason that names it.
pub fn kind_of(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        } else if file_type.is_socket() {
            return "a socket";
        } else if file_type.is_char_device() {
            return "a character device";
        } else if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Why [`read_document`] did not read a file.
#[derive(Debug)]
pub enum ReadError {
    /// The path (or what its link points to) is no regular file, which could
    /// block the reader (a named pipe) or never end (`/dev/zero`).
    NotRegular(&'static str),
    /// The file holds more than the limit; no more than the limit and one
    /// byte were read.
    TooLarge {
        /// The most bytes a file may hold.
        limit: u64,
    },
    /// The file could not be opened or read.
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular(kind) => write!(f, "{kind}, not a regular file"),
            ReadError::TooLarge { limit } => write!(f, "larger than {limit} bytes"),
            ReadError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// The bytes of the regular file at `path` (a symbolic link is followed), at
/// most `limit` of them. What the file is and its size are checked on what
/// is read, not only on its metadata: a file can change between the two,
/// and `/proc` files say they are empty.
pub fn read_document(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Checked before opening: opening a named pipe waits for a writer.
    let metadata = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind_of(metadata.file_type())));
    }
    let file = File::open(path).map_err(ReadError::Io)?;
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular(kind_of(opened.file_type())));
    }
    read_bounded(file, limit, opened.len())
}

/// Everything `reader` gives, up to `limit` bytes: more is
/// [`ReadError::TooLarge`], read no further. `expected` (a file's length) sizes
/// the buffer, within the limit.
pub fn read_bounded(reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, ReadError> {
    // One byte past the limit tells an input of exactly the limit from a larger one.
    let bound = limit.saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(bound)).unwrap_or(0));
    reader.take(bound).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
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

fn collect(dir: &Path, depth: usize, found: &mut JsonFiles) -> io::Result<()> {
    if depth > MAX_DEPTH {
        found.skipped.push(Skipped { path: dir.to_owned(), reason: format!("a folder more than {MAX_DEPTH} folders deep: not walked") });
        return Ok(());
    }
    let unreadable = |error: io::Error| io::Error::new(error.kind(), format!("{}: {error}", dir.display()));
    let mut entries: Vec<(PathBuf, FileType)> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .map(|entry| entry.and_then(|entry| Ok((entry.path(), entry.file_type()?))))
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    entries.sort_by(|(a, _), (b, _)| a.cmp(b));
    for (path, file_type) in entries {
        if file_type.is_dir() {
            collect(&path, depth + 1, found)?;
            continue;
        }
        // A link is taken for what it points to, except a folder, which is not followed.
        let target = if file_type.is_symlink() { std::fs::metadata(&path).map(|target| target.file_type()) } else { Ok(file_type) };
        let link = if file_type.is_symlink() { "a symbolic link to " } else { "" };
        let is_json = path.extension().is_some_and(|extension| extension == "json");
        let reason = match target {
            Ok(target) if target.is_dir() => "a symbolic link to a folder: not followed, so that no link can make the walk loop".to_owned(),
            _ if !is_json => continue,
            Ok(target) if target.is_file() => {
                found.files.push(path);
                continue;
            }
            Ok(target) => format!("{link}{}, not a regular file", kind_of(target)),
            Err(error) => format!("a symbolic link that cannot be followed: {error}"),
        };
        found.skipped.push(Skipped { path, reason });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    use super::{find_json_files, read_document, ReadError, Skipped};
    use super::{json_files, without_byte_order_mark};
    #[cfg(unix)]
    use std::path::Path;
    #[cfg(unix)]
    use std::time::Duration;

    /// `work` on a thread of its own, which must end within seconds: a walk
    /// or a read that blocks on a named pipe or loops fails the test instead
    /// of hanging it.
    #[cfg(unix)]
    fn within_seconds<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(work()));
        receiver.recv_timeout(Duration::from_secs(10)).expect("it blocked")
    }

    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        assert!(std::process::Command::new("mkfifo").arg(path).status().unwrap().success());
    }

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

    #[cfg(unix)]
    #[test]
    fn a_walk_takes_links_to_files_and_skips_pipes_devices_and_links_to_folders() {
        use std::os::unix::fs::symlink;
        let root = std::env::temp_dir().join(format!("catalog-json-files-special-{}", std::process::id()));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/event.json"), "{}").unwrap();
        mkfifo(&root.join("pipe.json"));
        mkfifo(&root.join("pipe.txt"));
        symlink("..", root.join("sub/loop")).unwrap();
        symlink("/dev/zero", root.join("zero.json")).unwrap();
        symlink("sub/event.json", root.join("linked.json")).unwrap();
        symlink("nowhere.json", root.join("dangling.json")).unwrap();
        let walked = root.clone();
        let found = within_seconds(move || find_json_files(&walked).unwrap());
        assert_eq!(found.files, [root.join("linked.json"), root.join("sub/event.json")]);
        let skipped = |name: &str, reason: &str| Skipped { path: root.join(name), reason: reason.to_owned() };
        assert_eq!(found.skipped[0].path, root.join("dangling.json"));
        assert!(found.skipped[0].reason.starts_with("a symbolic link that cannot be followed: "), "{:?}", found.skipped[0]);
        assert_eq!(
            found.skipped[1..],
            [
                skipped("pipe.json", "a named pipe (FIFO), not a regular file"),
                skipped("sub/loop", "a symbolic link to a folder: not followed, so that no link can make the walk loop"),
                skipped("zero.json", "a symbolic link to a character device, not a regular file"),
            ]
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_read_takes_regular_files_only_and_no_more_than_the_limit() {
        let root = std::env::temp_dir().join(format!("catalog-read-document-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        mkfifo(&root.join("pipe.json"));
        std::fs::write(root.join("ten.json"), b"[1,2,3,45]").unwrap();
        let pipe = root.join("pipe.json");
        let refusals = within_seconds(move || [read_document(Path::new("/dev/zero"), 100), read_document(&pipe, 100)]);
        assert!(matches!(refusals, [Err(ReadError::NotRegular("a character device")), Err(ReadError::NotRegular("a named pipe (FIFO)"))]), "{refusals:?}");
        assert_eq!(read_document(&root.join("ten.json"), 10).unwrap(), b"[1,2,3,45]");
        assert!(matches!(read_document(&root.join("ten.json"), 9), Err(ReadError::TooLarge { limit: 9 })));
        assert!(matches!(read_document(&root.join("missing.json"), 9), Err(ReadError::Io(_))));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
