"""``--plot FILE.png``: each trained model's loss curves, naive port against fixed port."""

from __future__ import annotations

from keraslint.validate.run import ModelReport


class PlotUnavailable(Exception):
    pass


def plot(reports: list[ModelReport], path: str) -> int:
    """Draw the loss curves into ``path``; the number of models drawn."""
    try:
        import matplotlib
    except ImportError:
        raise PlotUnavailable("--plot needs matplotlib: pip install 'keraslint[plot]'") from None
    matplotlib.use("Agg")
    from matplotlib import pyplot

    trained = [r for r in reports if r.train and any(r.train.values())]
    if not trained:
        return 0
    figure, axes = pyplot.subplots(len(trained), 1, figsize=(7, 3.6 * len(trained)), squeeze=False)
    for ax, report in zip(axes[:, 0], trained):
        for port, style in (("naive", "--"), ("fixed", "-")):
            losses = report.train.get(port)
            if losses:
                ax.plot(range(len(losses)), losses, style, label=f"{port} port")
        name = report.path.replace("\\", "/").rsplit("/", 1)[-1]
        ax.set_title(f"{name}:{report.line} {report.name}")
        ax.set_xlabel("training step (one synthetic batch)")
        ax.set_ylabel("loss")
        ax.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
    return len(trained)
