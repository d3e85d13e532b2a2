"""tsml for Jupyter (Python side): the JupyterLab panels' labextension ships in this wheel;
``Overview`` shows Facets/TFDV statistics in tsml's Overview panel from a Python kernel."""

from .overview import Overview

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    # Where the prebuilt labextension lives; the wheel also installs it under share/jupyter/labextensions.
    return [{"src": "labextension", "dest": "@tsml/jupyterlab"}]


__all__ = ["Overview", "__version__"]
