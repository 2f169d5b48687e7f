//! Standard output for text that comes from files: on a terminal, control
//! characters are shown, never sent.

use std::io::Write;

use super::{Failure, io_failure};
use crate::tr;

/// Runs `write` on standard output; on a terminal through [`InertTerminal`],
/// since what it writes comes from files.
pub(super) fn to_stdout(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    let written = if stdout.is_terminal() {
        let mut out = InertTerminal::new(stdout.lock());
        write(&mut out).and_then(|()| out.finish())
    } else {
        let mut out = std::io::BufWriter::new(stdout.lock());
        write(&mut out).and_then(|()| out.flush())
    };
    written.map_err(|e| io_failure(&tr!("cli-cannot-write-stdout"), &e))
}

/// A writer for a terminal that shows control characters from files as
/// `\u{1b}` instead of sending them: C0 controls other than newline and tab,
/// DEL, and the C1 controls (U+0080–U+009F, which some terminals obey).
struct InertTerminal<W: Write> {
    inner: std::io::BufWriter<W>,
    /// The first byte of a two-byte UTF-8 sequence cut at the end of a write.
    pending: bool,
}

impl<W: Write> InertTerminal<W> {
    fn new(inner: W) -> Self {
        InertTerminal {
            inner: std::io::BufWriter::new(inner),
            pending: false,
        }
    }

    fn finish(mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.pending) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Write for InertTerminal<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if std::mem::take(&mut self.pending) {
                if (0x80..=0x9f).contains(&b) {
                    write!(self.inner, "\\u{{{b:x}}}")?;
                    continue;
                }
                self.inner.write_all(&[0xc2])?;
            }
            match b {
                0xc2 => self.pending = true,
                b'\n' | b'\t' => self.inner.write_all(&[b])?,
                0..0x20 | 0x7f => write!(self.inner, "\\u{{{b:x}}}")?,
                _ => self.inner.write_all(&[b])?,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
