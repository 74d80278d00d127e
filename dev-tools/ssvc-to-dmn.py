#!/usr/bin/env python3
"""Development tool: writes dmn/ssvc-coordinator.dmn and dmn/ssvc-deployer.dmn from CERT/CC's published SSVC
decision tables (the CSV and JSON copies in src/test/resources/ssvc/).

The .dmn files are the source of truth and are committed; this script only saves typing when CERT/CC publishes a new
table version. Run it from the repository root, review the diff, and run SsvcTablesTest, which checks every published
row against the models:

    python3 dev-tools/ssvc-to-dmn.py

Each published row becomes one row of a UNIQUE decision table, with the published value names (the CSV cells,
lower case) and a rule id that carries the published row number.
"""
import csv
import json
import pathlib
from xml.sax.saxutils import escape

DATA = pathlib.Path("src/test/resources/ssvc")
OUT = pathlib.Path("dmn")
NS = "https://www.omg.org/spec/DMN/20230324"


def load(stem):
    """The table's JSON (decision point definitions) and its CSV rows, checked against each other."""
    table = json.loads((DATA / (stem + ".json")).read_text(encoding="utf-8"))
    with open(DATA / (stem + ".csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    points = table["decision_points"]
    for number, (mapping, row) in enumerate(zip(table["mapping"], rows)):
        names = [value_name(points[point], key) for point, key in mapping.items()]
        assert names == row[1:], f"{stem} row {number}: JSON {names} != CSV {row[1:]}"
        assert int(row[0]) == number, f"{stem}: row numbers out of order at {row[0]}"
    assert len(table["mapping"]) == len(rows), f"{stem}: JSON and CSV differ in length"
    return table, [row[1:] for row in rows]


def value_name(point, key):
    return next(v["name"] for v in point["values"] if v["key"] == key).lower()


def point_id(point):
    return f'{point["namespace"]}:{point["key"]}:{point["version"]}'


def slug(name):
    return name.lower().replace(" ", "-").replace("*", "").replace(",", "")


def feel(value):
    return escape(json.dumps(value))


class Model:
    """Collects the XML of one DMN model: item definitions, input data, decisions, and the diagram."""

    def __init__(self, name, description):
        self.name = name
        self.description = description
        self.types = []
        self.nodes = []
        self.shapes = []
        self.edges = []
        self.typed = set()

    def item_definition(self, point, type_name):
        if type_name in self.typed:
            return
        self.typed.add(type_name)
        values = ",".join(json.dumps(v["name"].lower()) for v in point["values"])
        self.types.append(f"""  <dmn:itemDefinition id="{type_name}" name="{type_name}">
    <dmn:typeRef>string</dmn:typeRef>
    <dmn:allowedValues id="{type_name}-values"><dmn:text>{escape(values)}</dmn:text></dmn:allowedValues>
  </dmn:itemDefinition>""")

    def input_data(self, point, type_name, x, y):
        node = "input-" + slug(point["name"])
        self.nodes.append(f"""  <dmn:inputData id="{node}" name="{point["name"]}">
    <dmn:description>SSVC decision point {point_id(point)}: {escape(point["definition"])}</dmn:description>
    <dmn:variable id="{node}-var" name="{point["name"]}" typeRef="{type_name}"/>
  </dmn:inputData>""")
        self.shape(node, x, y, 170, 50)
        return node

    def knowledge_source(self, table, x, y):
        node = "source-" + slug(table["key"]).replace("_", "-")
        self.nodes.append(f"""  <dmn:knowledgeSource id="{node}" name="SSVC {table["namespace"]}:{table["key"]} {table["version"]}" locationURI="https://certcc.github.io/SSVC/">
    <dmn:description>CERT/CC SSVC decision table "{escape(table["name"])}" version {table["version"]}: {escape(table["definition"])}. Copyright Carnegie Mellon University, MIT (SEI)-style licence; the published CSV, JSON and licence notice are in src/test/resources/ssvc.</dmn:description>
  </dmn:knowledgeSource>""")
        self.shape(node, x, y, 200, 60)
        return node

    def decision(self, decision_name, table, type_name, inputs, rows, rule_prefix, source, x, y):
        """inputs: (label, expression, type, required node id, node kind); one rule per published row."""
        node = "decision-" + slug(decision_name)
        requirements = []
        for label, expression, input_type, required, kind in inputs:
            req = f"req-{slug(decision_name)}-{slug(label)}"
            tag = "requiredDecision" if kind == "decision" else "requiredInput"
            requirements.append(f"""    <dmn:informationRequirement id="{req}">
      <dmn:{tag} href="#{required}"/>
    </dmn:informationRequirement>""")
            self.edges.append((req, required, node))
        auth = f"req-{slug(decision_name)}-authority"
        requirements.append(f"""    <dmn:authorityRequirement id="{auth}">
      <dmn:requiredAuthority href="#{source}"/>
    </dmn:authorityRequirement>""")
        self.edges.append((auth, source, node))
        columns = []
        for i, (label, expression, input_type, _, _) in enumerate(inputs, 1):
            columns.append(f"""      <dmn:input id="{node}-in{i}" label="{label}">
        <dmn:inputExpression id="{node}-in{i}-expr" typeRef="{input_type}"><dmn:text>{expression}</dmn:text></dmn:inputExpression>
      </dmn:input>""")
        columns.append(f"""      <dmn:output id="{node}-out" typeRef="{type_name}"/>""")
        rules = []
        width = len(str(len(rows) - 1))
        for number, row in enumerate(rows):
            rule = f"{rule_prefix}-{number:0{width}d}"
            cells = [f'        <dmn:inputEntry id="{rule}-i{i}"><dmn:text>{feel(v)}</dmn:text></dmn:inputEntry>'
                     for i, v in enumerate(row[:-1], 1)]
            rules.append(f"""      <dmn:rule id="{rule}">
        <dmn:description>Published row {number}</dmn:description>
{chr(10).join(cells)}
        <dmn:outputEntry id="{rule}-o"><dmn:text>{feel(row[-1])}</dmn:text></dmn:outputEntry>
      </dmn:rule>""")
        self.nodes.append(f"""  <dmn:decision id="{node}" name="{decision_name}">
    <dmn:description>{escape(table["name"])} {table["version"]} ({table["namespace"]}:{table["key"]}), row for row as CERT/CC publishes it: one row per combination of the inputs, so exactly one row matches.</dmn:description>
    <dmn:variable id="{node}-var" name="{decision_name}" typeRef="{type_name}"/>
{chr(10).join(requirements)}
    <dmn:decisionTable id="{node}-table" hitPolicy="UNIQUE" outputLabel="{decision_name}">
{chr(10).join(columns)}
{chr(10).join(rules)}
    </dmn:decisionTable>
  </dmn:decision>""")
        self.shape(node, x, y, 220, 80)
        return node

    def shape(self, node, x, y, w, h):
        self.shapes.append((node, x, y, w, h))

    def xml(self):
        bounds = {node: (x, y, w, h) for node, x, y, w, h in self.shapes}
        shapes = [f"""      <dmndi:DMNShape id="shape-{node}" dmnElementRef="{node}">
        <dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}"/>
      </dmndi:DMNShape>""" for node, x, y, w, h in self.shapes]
        edges = []
        for req, source, target in self.edges:
            sx, sy, sw, sh = bounds[source]
            tx, ty, tw, th = bounds[target]
            start = (sx + sw // 2, sy) if sy > ty else (sx, sy + sh // 2)
            edges.append(f"""      <dmndi:DMNEdge id="edge-{req}" dmnElementRef="{req}">
        <di:waypoint x="{start[0]}" y="{start[1]}"/>
        <di:waypoint x="{tx + tw // 2}" y="{ty + th}"/>
      </dmndi:DMNEdge>""")
        name = self.name
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<dmn:definitions xmlns="{NS}/MODEL/"
                 xmlns:dmn="{NS}/MODEL/"
                 xmlns:dmndi="{NS}/DMNDI/"
                 xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/"
                 xmlns:di="http://www.omg.org/spec/DMN/20180521/DI/"
                 id="{name}" name="{name}"
                 namespace="https://arbiter.dev/dmn/{name}"
                 typeLanguage="{NS}/FEEL/"
                 expressionLanguage="{NS}/FEEL/">
  <dmn:description>{escape(self.description)}</dmn:description>
{chr(10).join(self.types)}
{chr(10).join(self.nodes)}
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="diagram-{name}" name="{name}">
{chr(10).join(shapes)}
{chr(10).join(edges)}
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</dmn:definitions>
"""


def type_name(point):
    return "t" + point["name"].title().replace(" ", "").replace("-", "").replace(",", "")


def coordinator():
    table, rows = load("cisa_coordinator_2_0_3")
    model = Model("ssvc-cisa-coordinator",
                  "CISA's SSVC Coordinator decision (CERT/CC SSVC, cisa:DT_CO 2.0.3): how CISA tracks, attends to or acts on a "
                  "vulnerability, from its exploitation, automatability, technical impact and mission and well-being impact. "
                  "Value names are exactly the published ones.")
    points = list(table["decision_points"].values())
    *inputs, outcome = points
    inputs_spec = []
    for i, point in enumerate(inputs):
        model.item_definition(point, type_name(point))
        node = model.input_data(point, type_name(point), 40 + i * 200, 360)
        inputs_spec.append((point["name"], point["name"], type_name(point), node, "input"))
    model.item_definition(outcome, "tCisaLevel")
    source = model.knowledge_source(table, 680, 60)
    model.decision("CISA Level", table, "tCisaLevel", inputs_spec, rows, "cisa-coordinator", source, 330, 50)
    return model


def deployer():
    human, human_rows = load("human_impact_1_0_0")
    table, rows = load("deployer_patch_application_priority_1_0_0")
    model = Model("ssvc-deployer",
                  "The SSVC Deployer patch application priority (CERT/CC SSVC, ssvc:DT_DP 1.0.0): defer, scheduled, "
                  "out-of-cycle or immediate, from exploitation, system exposure, automatability and human impact; human "
                  "impact comes from its helper table (ssvc:DT_HI 1.0.0), safety impact by mission impact. Value names are "
                  "exactly the published ones.")
    safety, mission, human_impact = human["decision_points"].values()
    exploitation, exposure, automatable, _, outcome = table["decision_points"].values()
    for point in (exploitation, exposure, automatable, safety, mission, human_impact):
        model.item_definition(point, type_name(point))
    model.item_definition(outcome, "tPatchApplicationPriority")
    nodes = {}
    for i, point in enumerate((exploitation, exposure, automatable)):
        nodes[point["name"]] = model.input_data(point, type_name(point), 40 + i * 200, 400)
    for i, point in enumerate((safety, mission)):
        nodes[point["name"]] = model.input_data(point, type_name(point), 640 + i * 200, 560)
    human_source = model.knowledge_source(human, 1060, 380)
    human_node = model.decision("Human Impact", human, type_name(human_impact),
                                [(p["name"], p["name"], type_name(p), nodes[p["name"]], "input") for p in (safety, mission)],
                                human_rows, "human-impact", human_source, 720, 380)
    source = model.knowledge_source(table, 760, 60)
    spec = [(p["name"], p["name"], type_name(p), nodes[p["name"]], "input") for p in (exploitation, exposure, automatable)]
    spec.append(("Human Impact", "Human Impact", type_name(human_impact), human_node, "decision"))
    model.decision("Patch Application Priority", table, "tPatchApplicationPriority", spec, rows, "deployer", source, 400, 50)
    return model


if __name__ == "__main__":
    (OUT / "ssvc-coordinator.dmn").write_text(coordinator().xml(), encoding="utf-8")
    (OUT / "ssvc-deployer.dmn").write_text(deployer().xml(), encoding="utf-8")
