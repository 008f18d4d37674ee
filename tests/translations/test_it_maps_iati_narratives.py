"""IATI narratives in several languages map onto content translations: the import takes the
activity's language as the original's and the other narratives as translations; the export
writes one narrative per translation; import → export → import keeps them."""

from django.utils import translation
from lxml import etree

from partnering.interop.iati.elements import XML_LANG
from partnering.interop.iati.export import export_bytes
from partnering.partnerships.models import Partnership
from partnering.translations import services
from partnering.translations.models import ContentTranslation
from partnering.translations.reading import shown
from tests.base import PartneringTestCase
from tests.interop.iati_files import TempFiles, activity, document, run, schema

IDENTIFIER = "XM-DAC-41114-LANGS"


def multilingual(lang: str = "fr", titles=None, descriptions=None) -> bytes:
    xml = activity(IDENTIFIER, lang=lang, titles=titles or {
        "": "Eau potable pour les écoles", "en": "Clean water for schools",
        "es": "Agua potable para las escuelas"})
    general = "".join(f'<narrative xml:lang="{k}">{v}</narrative>' if k else
                      f"<narrative>{v}</narrative>" for k, v in (descriptions or {
                          "": "De l'eau pour chaque école.",
                          "en": "Safe water for every school."}).items())
    xml = xml.replace('<description type="1"><narrative>Safe water for every school.'
                      '</narrative></description>', f'<description type="1">{general}'
                      '</description>')
    return document(xml)


class IatiNarrativeTests(PartneringTestCase):
    def import_file(self, content: bytes) -> Partnership:
        files = TempFiles()
        self.addCleanup(files.cleanup)
        run([files.write("langs.xml", content)], self.admin)
        return Partnership.objects.get(iati__iati_identifier=IDENTIFIER)

    def narratives(self, root, path: str) -> dict:
        return {n.get(XML_LANG, ""): n.text for n in root.find("iati-activity").iterfind(
            f"{path}/narrative")}

    def test_it_imports_the_other_narratives_as_translations(self):
        partnership = self.import_file(multilingual())
        assert (partnership.language, partnership.title) == ("fr", "Eau potable pour les écoles")
        rows = {(t.field, t.language): t.text for t in ContentTranslation.objects.all()}
        assert rows == {("title", "en"): "Clean water for schools",
                        ("title", "es"): "Agua potable para las escuelas",
                        ("problem_statement", "en"): "Safe water for every school."}
        with translation.override("es"):
            title = shown(partnership, "title")
        assert (title.text, title.is_translation, title.outdated) == (
            "Agua potable para las escuelas", True, False)

    def test_it_exports_one_narrative_per_translation(self):
        services.save_translations(self.alice, self.private, language="bs",
                                   texts={"title": "Voda za Tillabéri",
                                          "problem_statement": "Domaćinstva nemaju vode."})
        root = etree.fromstring(export_bytes([self.private]))
        assert schema().validate(root), schema().error_log
        assert self.narratives(root, "title") == {"": self.private.title,
                                                  "bs": "Voda za Tillabéri"}
        assert self.narratives(root, "description[@type='1']") == {
            "": self.private.problem_statement, "bs": "Domaćinstva nemaju vode."}

    def test_it_keeps_the_languages_through_import_export_import(self):
        partnership = self.import_file(multilingual())
        services.save_translations(self.admin, partnership, language="pt",
                                   texts={"title": "Água potável para as escolas"})
        exported = export_bytes([partnership])
        root = etree.fromstring(exported)
        assert root.find("iati-activity").get(XML_LANG) == "fr"
        assert self.narratives(root, "title") == {
            "": "Eau potable pour les écoles", "en": "Clean water for schools",
            "es": "Agua potable para las escuelas", "pt": "Água potável para as escolas"}
        ContentTranslation.objects.all().delete()
        Partnership.objects.filter(pk=partnership.pk).delete()
        again = self.import_file(exported.replace(b"2024-01-01T00:00:00Z",
                                                  b"2024-02-01T00:00:00Z"))
        assert {t.language for t in ContentTranslation.objects.filter(
            object_id=again.pk, field="title")} == {"en", "es", "pt"}

    def test_a_reimport_revises_its_own_translations_and_keeps_a_members(self):
        partnership = self.import_file(multilingual())
        services.save_translations(self.admin, partnership, language="es",
                                   texts={"title": "Agua segura para las escuelas"})
        self.import_file(multilingual(titles={
            "": "Eau potable pour les écoles", "en": "Clean water for all schools",
            "es": "Agua potable para las escuelas"}).replace(
            b"2024-01-01T00:00:00Z", b"2024-03-01T00:00:00Z"))
        titles = dict(ContentTranslation.objects.filter(field="title").values_list(
            "language", "text"))
        assert titles == {"en": "Clean water for all schools",
                          "es": "Agua segura para las escuelas"}

    def test_the_activitys_language_wins_over_the_importers_interface(self):
        with translation.override("es"):
            partnership = self.import_file(multilingual())
        assert partnership.language == "fr"
        assert not ContentTranslation.objects.filter(language="fr").exists()
