import time

from django.core.management.base import BaseCommand, CommandError

from partnering.discovery import onnxmodel, tasks


class Command(BaseCommand):
    help = ("Export the sentence embedding model to ONNX in the data folder, once per machine "
            "(also: partnering export-query-model), so that web workers embed queries with "
            "ONNX Runtime instead of torch. The job worker does it too; needs the "
            "[embeddings] extra.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if onnxmodel.version() is None:
            raise CommandError("the [embeddings] extra is not installed", returncode=2)
        if not tasks.export_query_model():
            raise CommandError("the model could not be exported (see the log), or "
                               "DISCOVERY_EMBEDDINGS is off", returncode=1)
        model, _ = onnxmodel.paths()
        self.stdout.write(f"The query model is {model} "
                          f"({model.stat().st_size / 1e6:.0f} MB; "
                          f"{time.perf_counter() - started:.1f} s).")
