"""Places in an edition source: how an error names them (`sections[3] “Zuul” › body[2]`) and
on which line of the file they are."""

from .fields import TAG
from .yaml_io import Node, SourceError

# Pydantic's own errors, in the words of the other messages.
MESSAGES = {
    "missing": "is required",
    "list_type": "must be a list",
    "too_short": "needs at least {min_length} item(s)",
}


def locate(data, steps):
    """The name of the place that `steps` (keys and list indexes) lead to in the parsed
    source, the value there and its line."""
    names, node, line, key = [], data, getattr(data, "line", None), None
    for step in steps:
        if isinstance(step, int):
            item_lines = getattr(node, "item_lines", [])
            line = item_lines[step] if step < len(item_lines) else line
            node = node[step] if isinstance(node, list) and step < len(node) else None
            label = f"{names.pop() if names else ''}[{step}]"
            if key == "sections" and isinstance(node, dict) and node.get("title"):
                label += f" “{node['title']}”"
            names.append(label)
        else:
            line = getattr(node, "key_lines", {}).get(step, line)
            node = node.get(step) if isinstance(node, dict) else None
            line = node.line if isinstance(node, Node) else line
            key = step
            names.append(str(step))
    return " › ".join(names), node, line


def error_at(data, path, steps, field, problem):
    """A SourceError about `field` of the place at `steps` (or about the place itself)."""
    place, node, line = locate(data, steps)
    if field is not None and isinstance(node, Node):
        line = node.key_lines.get(field, line)
    return SourceError(path, line, place, field, problem)


def source_error(error, data, path):
    """The first problem of a pydantic ValidationError, named as an editor finds it."""
    problem = error.errors(include_url=False)[0]
    steps = [s for s in problem["loc"] if not (isinstance(s, str) and s.startswith(TAG))]
    context = problem.get("ctx", {})
    if "field" in context:  # about the mapping or list item itself, naming a field of it
        field = context["field"] or None
    elif steps and isinstance(steps[-1], str):
        field = steps.pop()
    else:
        field = None
    message = problem["msg"]
    if problem["type"] in MESSAGES:
        message = MESSAGES[problem["type"]].format(**context)
    return error_at(data, path, steps, field, message)


def place_lines(data):
    """The line of every place of the source, for the errors found later, in the database."""
    lines = {}

    def visit(node, steps):
        if not steps or isinstance(steps[-1], int) or isinstance(node, dict):
            place, _node, line = locate(data, steps)
            lines.setdefault(place, line)
        if isinstance(node, dict):
            children = node.items()
        else:
            children = enumerate(node) if isinstance(node, list) else ()
        for step, child in children:
            visit(child, (*steps, step))

    visit(data, ())
    return lines


def line_of_place(lines, place):
    """The line of `place`, or of the nearest enclosing place the schema saw."""
    steps = place.split(" › ")
    while steps:
        line = lines.get(" › ".join(steps))
        if line:
            return line
        last = steps.pop()
        if "[" in last and not last.startswith("["):
            steps.append(last[: last.index("[")])  # body[5] -> body
            if lines.get(" › ".join(steps)):
                return lines[" › ".join(steps)]
            steps.pop()
    return None


REFERENCES = {
    "signatory": ("people", "name"),
    "project": ("projects", "slug"),
    "working_group": ("working_groups", "slug"),
}


def check_references(source, data, path):
    """What sections name is listed, and listed once; sibling sections have their own slugs."""
    for key, name in REFERENCES.values():
        seen = set()
        for i, item in enumerate(source[key]):
            if item[name] in seen:
                raise error_at(data, path, (key, i), name, f"{item[name]!r} is listed twice")
            seen.add(item[name])
    listed = {
        field: {item[name] for item in source[key]} for field, (key, name) in REFERENCES.items()
    }

    def walk(sections, steps):
        slugs = {}
        for i, section in enumerate(sections):
            here, slug = (*steps, i), section["slug"]
            if slug in slugs:
                problem = f"{slug!r} is already used by {steps[-1]}[{slugs[slug]}]"
                raise error_at(data, path, here, "slug", problem)
            slugs[slug] = i
            for field, (key, _name) in REFERENCES.items():
                if field in section and section[field] not in listed[field]:
                    problem = f"{section[field]!r} is not in {key}"
                    raise error_at(data, path, here, field, problem)
            walk(section.get("sections", []), (*here, "sections"))

    walk(source["sections"], ("sections",))
