"""The figures table: each promise with its figure, its goal and PASS, FAIL or INFO."""

PASS, FAIL, INFO = "PASS", "FAIL", "info"


class Report:
    def __init__(self):
        self.promises = []
        self.tables = []

    def promise(self, name, figure, goal, held):
        """``held``: True, False, or None for a figure reported against no hard promise."""
        status = INFO if held is None else (PASS if held else FAIL)
        self.promises.append((name, str(figure), goal, status))
        return held

    def load_table(self, title, summary, seconds):
        table, statuses = summary
        lines = [f"{title} ({seconds:.0f} s)"]
        lines.append(
            f"  {'request':<18}{'count':>7}{'req/s':>8}"
            f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  statuses"
        )
        for kind, row in table.items():
            codes = " ".join(f"{code}:{n}" for code, n in sorted(row["statuses"].items()))
            lines.append(
                f"  {kind:<18}{row['count']:>7}{row['rps']:>8.1f}{row['p50']:>9.0f}"
                f"{row['p95']:>9.0f}{row['p99']:>9.0f}  {codes}"
            )
        total = sum(statuses.values())
        codes = " ".join(f"{code}:{n}" for code, n in sorted(statuses.items()))
        lines.append(f"  {'all':<18}{total:>7}{total / seconds:>8.1f}{'':>27}  {codes}")
        self.tables.append("\n".join(lines))

    def text(self):
        width = max([len(name) for name, *_ in self.promises] + [10])
        fig = max([len(figure) for _, figure, *_ in self.promises] + [6])
        lines = ["", *self.tables, "", f"{'promise':<{width}}  {'figure':<{fig}}  goal  → result"]
        for name, figure, goal, status in self.promises:
            lines.append(f"{name:<{width}}  {figure:<{fig}}  {goal}  → {status}")
        failed = sum(1 for *_, status in self.promises if status == FAIL)
        passed = sum(1 for *_, status in self.promises if status == PASS)
        lines += ["", f"{passed} passed, {failed} failed"]
        return "\n".join(lines)

    @property
    def failed(self):
        return any(status == FAIL for *_, status in self.promises)
