"""Web workers embed the query with the model exported to ONNX (discovery/onnxmodel.py), from
the same weights as torch's, so its vectors rank against the stored ones as before; the
file is written once per machine by the job worker or a command, and until it is there
torch embeds the query."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.test import override_settings

from partnering.discovery import embeddings, onnxmodel, ranking, tasks

TEXTS = [
    "Clean drinking water for rural schools in northern Kenya",
    "x",
    "",
    "Améliorer la santé maternelle dans les districts ruraux du Sahel",
    " ".join(["Community health workers train midwives, supply clinics and report births "
              "to district offices in remote provinces"] * 6),  # past QUERY_TOKENS pieces
]


@pytest.fixture(scope="module")
def exported_folder(tmp_path_factory):
    """The model exported once for this module (~25 s of CPU), by the job's own path."""
    from django.conf import settings

    folder = tmp_path_factory.mktemp("export")
    saved = settings.DISCOVERY_VECTORS_DIR
    settings.DISCOVERY_VECTORS_DIR = folder
    try:
        with override_settings(DISCOVERY_EMBEDDINGS=True):
            assert tasks.export_query_model()
    finally:
        settings.DISCOVERY_VECTORS_DIR = saved
    return folder / "model"


@pytest.fixture
def exported(exported_folder, settings):
    """This test's vector folder (conftest.py) with the module's export in it."""
    target = Path(settings.DISCOVERY_VECTORS_DIR)
    target.mkdir(parents=True, exist_ok=True)
    (target / "model").symlink_to(exported_folder, target_is_directory=True)
    onnxmodel.forget()
    yield target
    onnxmodel.forget()


@pytest.fixture
def real_torch_model():
    """The torch model itself (not a test's stand-in), as the fallback serves it."""
    saved = dict(embeddings._state)
    embeddings._state.update(tried=False, model=None)
    yield embeddings.model()
    embeddings._state.clear()
    embeddings._state.update(saved)


@pytest.mark.embeddings
def test_it_embeds_queries_as_torch_does(exported, real_torch_model):
    encoder = onnxmodel.encoder()
    assert encoder is not None
    for text in TEXTS:
        vector = encoder.embed_query(text, embeddings.QUERY_TOKENS)
        with_torch = _torch_query(text)
        assert vector.shape == (embeddings.DIMENSIONS,) and vector.dtype == np.float32
        assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4
        assert float(vector @ with_torch) >= 0.999, text


def _torch_query(text: str) -> np.ndarray:
    """embeddings.embed_query as it serves without the export (torch)."""
    saved = onnxmodel.encoder
    onnxmodel.encoder = lambda: None
    try:
        return embeddings.embed_query(text)
    finally:
        onnxmodel.encoder = saved


@pytest.mark.embeddings
def test_it_serves_queries_from_the_export_when_the_machine_has_it(exported):
    assert onnxmodel.exported()
    assert embeddings.embed_query(TEXTS[0]).shape == (embeddings.DIMENSIONS,)
    assert onnxmodel._state["encoder"] is not None


@pytest.mark.embeddings
def test_it_never_imports_torch_in_a_web_worker_with_the_export(exported):
    """A fresh process, as a web worker serves: it embeds a query and scores mapped int16
    vectors with onnxruntime and numpy, without torch, transformers or
    sentence-transformers."""
    script = (
        "import django, sys; django.setup()\n"
        "import numpy as np\n"
        "from partnering.discovery import embeddings, profiles, ranking\n"
        "assert embeddings.available()\n"
        "vector = embeddings.embed_query('clean water for schools')\n"
        "index = embeddings.VectorIndex([(1, vector), (2, -vector)], dtype=np.int16)\n"
        "assert index.scores(vector).top(1)[0][0] == 1\n"
        "print(json.dumps({'dims': len(vector), 'modules': sorted(m for m in sys.modules\n"
        "    if m.split('.')[0] in ('torch', 'transformers', 'sentence_transformers',\n"
        "                           'onnxruntime'))}))\n")
    found = _run("import json\n" + script, exported)
    assert found["dims"] == embeddings.DIMENSIONS
    assert "onnxruntime" in found["modules"]
    assert not [m for m in found["modules"] if not m.startswith("onnxruntime")]


def _run(script: str, vectors_dir: Path) -> dict:
    env = dict(os.environ, DISCOVERY_VECTORS_DIR=str(vectors_dir), DISCOVERY_EMBEDDINGS="1",
               DJANGO_SETTINGS_MODULE="partnering.settings",
               PARTNERING_DATA_DIR=str(vectors_dir.parent / "data"))
    done = subprocess.run([sys.executable, "-c", script], env=env,  # noqa: S603
                          capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.embeddings
def test_it_embeds_queries_with_torch_until_the_export_is_there(settings, real_torch_model):
    onnxmodel.forget()
    assert not onnxmodel.exported()
    assert onnxmodel.encoder() is None
    with override_settings(DISCOVERY_EMBEDDINGS=True):
        assert embeddings.available()
        vector = embeddings.embed_query(TEXTS[0])
    assert vector.shape == (embeddings.DIMENSIONS,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


@pytest.mark.embeddings
def test_it_is_written_by_the_command_once_per_machine(exported_folder, settings):
    settings.DISCOVERY_VECTORS_DIR = exported_folder.parent
    model, tokenizer = onnxmodel.paths()
    written = model.stat().st_mtime_ns
    with override_settings(DISCOVERY_EMBEDDINGS=True), open(os.devnull, "w") as out:
        call_command("export_query_model", stdout=out)
    assert model.stat().st_mtime_ns == written  # there already: not exported again
    assert json.loads(tokenizer.read_text())["model"]["type"] == "WordPiece"
    assert not list(model.parent.glob("*.tmp"))


def test_it_exports_no_stand_in_model_and_leaves_torch_serving(settings, monkeypatch):
    """Tests' stand-in encoder (and a model that is not sentence-transformers') is not
    exported: the query is embedded as before."""
    monkeypatch.setattr(onnxmodel, "version", lambda: "0.1.0")
    with override_settings(DISCOVERY_EMBEDDINGS=True):
        assert not onnxmodel.ensure(lambda: object())
    assert not onnxmodel.exported()
    assert not list(onnxmodel.directory().glob("*.onnx"))


def test_it_says_the_query_model_is_not_there_without_the_extra(monkeypatch):
    monkeypatch.setattr(onnxmodel, "version", lambda: None)
    onnxmodel.forget()
    assert onnxmodel.paths() is None
    assert not onnxmodel.exported()
    assert onnxmodel.encoder() is None
    assert not onnxmodel.ensure(lambda: pytest.fail("no model is loaded without the extra"))
    ranking._query_vector.cache_clear()


def test_it_leaves_torch_serving_when_the_file_cannot_be_loaded(monkeypatch, caplog):
    monkeypatch.setattr(onnxmodel, "version", lambda: "0.1.0")
    onnxmodel.forget()
    model, tokenizer = onnxmodel.paths()
    model.parent.mkdir(parents=True)
    model.write_bytes(b"not a model")
    tokenizer.write_text("{}")
    assert onnxmodel.exported()
    assert onnxmodel.encoder() is None
    assert "could not be loaded" in caplog.text
    caplog.clear()
    assert onnxmodel.encoder() is None  # not read again until the file is replaced
    assert not caplog.text
    onnxmodel.forget()
