"""A one-line progress bar on a terminal: documents, words/s, ETA, failures.

Twenty lines of `\\r` writing, rather than a dependency: the bar must share
stderr with error lines (each is printed above it) and stay silent when
stderr is not a terminal.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

REDRAW_SECONDS = 0.2


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


@dataclass
class Progress:
    """Counts as the run goes; draws itself only when `enabled` (a TTY and not --quiet)."""

    total: int | None = None
    enabled: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    done: int = 0
    words: int = 0
    failures: int = 0
    started: float = field(default_factory=time.perf_counter)
    _drawn: float = 0.0

    def update(self, done: int, words: int, failures: int) -> None:
        """The run's counts so far (documents finished, written or skipped or failed)."""
        self.done, self.words, self.failures = done, words, failures
        if self.enabled and time.perf_counter() - self._drawn >= REDRAW_SECONDS:
            self._draw()

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        text = f"{self.done}" + (f"/{self.total}" if self.total else "") + " documents"
        text += f"  {self.words / elapsed:,.0f} words/s"
        if self.total and self.done:
            text += f"  ETA {_clock(elapsed / self.done * max(self.total - self.done, 0))}"
        return text + f"  {self.failures} failed"

    def write(self, message: str) -> None:
        """A message on its own line, the bar redrawn under it."""
        if self.enabled:
            self.stream.write("\r\033[K")
        print(message, file=self.stream)
        if self.enabled:
            self._draw()

    def close(self) -> None:
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        self.stream.write("\r\033[K" + self.line())
        self.stream.flush()
        self._drawn = time.perf_counter()
