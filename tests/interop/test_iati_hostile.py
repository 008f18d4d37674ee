"""Bad and hostile input: refused whole with exit status 2, a one-line reason and nothing
written; entities are never expanded, nothing is read from disk or the network."""

import os
import subprocess
import sys
from io import StringIO

from django.core.management import CommandError, call_command
from lxml import etree

from partnering.audit.models import AuditEvent
from partnering.interop.iati.importer import IatiImporter
from partnering.interop.iati.xml import IatiFileError, iter_activities
from partnering.interop.models import IatiActivity, OrganisationAlias
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase
from tests.interop.iati_files import REPO, TempFiles, activity, document, sample

SECRET = "TOP-SECRET-4242-never-read"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE iati-activities [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03">{activity}</iati-activities>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY secret SYSTEM "file://{path}">
 <!ENTITY remote SYSTEM "http://127.0.0.1:9/iati.dtd">]>
<iati-activities version="2.03">{activity}</iati-activities>
"""


def counts() -> dict:
    return {model.__name__: model.objects.count()
            for model in (Partnership, Organisation, IatiActivity, OrganisationAlias,
                          AuditEvent)}


class HostileFileTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.files = TempFiles()
        cls.secret = cls.files.write("secret.txt", SECRET)
        good = activity(titles={"": "Water &amp; sanitation"})
        cls.good = cls.files.write("good.xml", document(good))
        cls.paths = {
            "malformed": cls.files.write("malformed.xml", document(good)[:-30]),
            "empty": cls.files.write("empty.xml", b""),
            "not_xml": cls.files.write("not_xml.xml", b"iati-identifier,title\nX,Y\n"),
            "wrong_root": cls.files.write("wrong_root.xml", b"<?xml version='1.0'?><rss/>"),
            "laughs": cls.files.write("laughs.xml", BILLION_LAUGHS.format(
                activity=good.replace("Water &amp; sanitation", "&lol9;"))),
            "external": cls.files.write("external.xml", EXTERNAL_ENTITY.format(
                path=cls.secret, activity=good.replace("Water &amp; sanitation",
                                                       "&secret;&remote;"))),
            "version_1": cls.files.write("v1.xml", document(good, version="1.05")),
        }

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def assert_refused(self, path: str, reason: str = ""):
        """Refused with a one-line reason and nothing written; `reason` is our own wording
        (never a library's: lxml and libxml2 may refuse earlier, with their own words)."""
        before = counts()
        with self.assertRaises(IatiFileError) as refused:
            IatiImporter(None).run([path])
        self.assertIn(reason, str(refused.exception))
        self.assertNotIn("\n", str(refused.exception))
        self.assertEqual(counts(), before)
        return str(refused.exception)

    def test_it_refuses_xml_that_is_not_well_formed(self):
        message = self.assert_refused(self.paths["malformed"], "not well-formed XML (line")
        self.assertTrue(message.startswith("malformed.xml: "))
        self.assert_refused(self.paths["empty"], "not well-formed")
        self.assert_refused(self.paths["not_xml"], "not well-formed")

    def test_it_refuses_files_that_are_not_iati_activities(self):
        self.assert_refused(self.paths["wrong_root"], "the root element is <rss>")
        self.assert_refused(sample("asian-dev-bank-organisation.xml"),
                            "IATI organisation file")
        self.assert_refused(self.paths["version_1"], "IATI version 1.05 is not supported")

    def test_it_never_expands_entities(self):
        message = self.assert_refused(self.paths["laughs"])
        self.assertNotIn("lollol", message)
        self.assertFalse(Partnership.objects.filter(title__contains="lol").exists())

    def test_it_never_reads_external_entities(self):
        message = self.assert_refused(self.paths["external"])
        self.assertNotIn(SECRET, message)
        self.assertFalse(Partnership.objects.filter(title__contains=SECRET).exists())

    def test_it_does_not_resolve_entities_even_past_the_doctype_check(self):
        for name in ("external", "laughs"):
            try:
                for _, element in iter_activities(self.paths[name]):
                    text = etree.tostring(element, encoding="unicode")
                    self.assertNotIn(SECRET, text)
                    self.assertNotIn("lollol", text)
            except etree.XMLSyntaxError:  # libxml2 may refuse the file itself: also safe
                pass

    def test_it_writes_nothing_when_one_of_several_files_is_bad(self):
        before = counts()
        with self.assertRaises(IatiFileError):
            IatiImporter(None).run([self.good, self.paths["malformed"]])
        self.assertEqual(counts(), before)

    def test_it_refuses_a_file_with_a_schema_error_when_strict(self):
        before = counts()
        with self.assertRaises(IatiFileError) as refused:
            IatiImporter(None, strict=True).run([sample("undp-gabon-one-schema-error.xml")])
        self.assertIn("line 70077", str(refused.exception))
        self.assertIn("--strict", str(refused.exception))
        self.assertEqual(counts(), before)

    def test_it_imports_the_good_file(self):
        report = IatiImporter(None).run([self.good])
        self.assertEqual(report.created, 1)
        self.assertTrue(Partnership.objects.filter(title="Water & sanitation").exists())


class CommandLineTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.files = TempFiles()
        cls.good = cls.files.write("good.xml", document(activity()))
        cls.bad = cls.files.write("bad.xml", b"<iati-activities><iati-activity>")

    @classmethod
    def tearDownClass(cls):
        cls.files.cleanup()
        super().tearDownClass()

    def test_it_prints_the_summary_and_exits_0(self):
        out = StringIO()
        call_command("import_iati", self.good, "--public", stdout=out)
        text = out.getvalue()
        self.assertIn("good.xml (IATI 2.03): 1 activity", text)
        self.assertIn("Activities: 1 created, 0 updated, 0 unchanged, 0 skipped", text)
        self.assertIn("Organisations: 1 created, 0 matched", text)
        self.assertEqual(Partnership.objects.get(iati__isnull=False).visibility, "public")

    def test_it_exits_2_for_a_bad_file(self):
        before = counts()
        with self.assertRaises(CommandError) as refused:
            call_command("import_iati", self.good, self.bad, stdout=StringIO())
        self.assertEqual(refused.exception.returncode, 2)
        self.assertIn("bad.xml: not well-formed XML", str(refused.exception))
        self.assertEqual(counts(), before)

    def test_it_exits_2_with_one_line_on_stderr_from_the_shell(self):
        env = {**os.environ, "PARTNERING_DATA_DIR": self.files.dir.name}
        partnering = os.path.join(os.path.dirname(sys.executable), "partnering")
        done = subprocess.run([partnering, "import-iati", self.bad],  # noqa: S603
                              capture_output=True,
                              text=True, env=env, cwd=REPO, timeout=60)
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)
        self.assertIn("bad.xml: not well-formed XML", done.stderr)
        self.assertEqual(done.stdout, "")
