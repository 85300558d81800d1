"""Converting between the source's body blocks and StreamField data, both ways."""

import hashlib
import mimetypes
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.blocks.base import get_error_json_data
from wagtail.images import get_image_model

from base.blocks import BodyBlock


def _plain_list(value):
    """ListBlock data comes back as [{type: item, value, id}]; the source keeps values only."""
    return [item["value"] if isinstance(item, dict) and "id" in item else item for item in value]


def body_to_stream_data(blocks, images):
    """Source blocks -> raw StreamField data; `images` maps a source file name to an Image."""
    data = []
    for block in blocks:
        ((kind, value),) = block.items()
        if kind == "heading":
            value = {"text": value["text"], "level": str(value["level"])}
        elif kind == "image":
            value = {
                "image": images[value["file"]].pk,
                "alt_text": value["alt_text"],
                "caption": value["caption"],
            }
        data.append({"type": kind, "value": value})
    return data


def stream_to_body(stream_value, image_names):
    """A StreamValue -> source blocks, in the source's canonical key order."""
    blocks = []
    for child in stream_value:
        kind = child.block_type
        prep = child.block.get_prep_value(child.value)
        if kind == "text":
            value = prep
        elif kind == "heading":
            value = {"text": prep["text"], "level": int(prep["level"])}
        elif kind == "list":
            value = {"style": prep["style"], "items": _plain_list(prep["items"])}
        elif kind == "image":
            image = child.value["image"]
            value = {
                "file": image_names(image),
                "alt_text": prep["alt_text"],
                "caption": prep["caption"],
            }
        elif kind in {"key_figures", "timeline", "link_list", "footnotes"}:
            value = {
                key: _plain_list(item) if isinstance(item, list) else item
                for key, item in prep.items()
            }
        else:
            value = prep
        blocks.append({kind: value})
    return blocks


def clean_body(blocks_data):
    """Run Wagtail's own validation; returns a StreamValue or raises ValidationError."""
    block = BodyBlock(required=False)
    return block.clean(block.to_python(blocks_data))


def flatten_block_errors(error_data, place=()):
    """Wagtail's nested block errors -> [(place, message)] with readable places."""
    found = [(place, message) for message in error_data.get("messages", [])]
    for key, child in (error_data.get("blockErrors") or {}).items():
        step = f"[{key}]" if isinstance(key, int) or str(key).isdigit() else str(key)
        found.extend(flatten_block_errors(child, (*place, step)))
    return found


def first_block_error(error, place):
    """Wagtail's ValidationError of the body at `place` -> (place, field, message) of its
    first problem, the place in the source's words (`… › body[5] › links[0]`)."""
    problems = flatten_block_errors(get_error_json_data(error))
    (where, message), *_ = problems or [((), "; ".join(error.messages))]
    steps = []
    for step in [place, *where[:-1]]:
        if step.startswith("[") and steps:
            steps[-1] += step  # body + [5] -> body[5]
        else:
            steps.append(step)
    return " › ".join(steps), (where[-1] if where else None), message


def image_file_name(image):
    """The file name an image is exported under: its title when that is already a file name."""
    suffix = Path(image.file.name).suffix.lower()
    if Path(image.title).suffix.lower() == suffix:
        return image.title
    return f"{slugify(image.title) or 'image'}{suffix}"


def import_image(path, created):
    """The Image for a source file, reusing one with the same content if it exists.

    A reused image whose file has gone from storage (a database restored without its media) gets
    the file back from the source, so the page and the next export still find it."""
    content = path.read_bytes()
    file_hash = hashlib.sha1(content).hexdigest()
    Image = get_image_model()
    existing = Image.objects.filter(file_hash=file_hash).first()
    if existing:
        storage = existing.file.storage
        if not storage.exists(existing.file.name):
            restored = storage.save(existing.file.name, ContentFile(content, name=path.name))
            created.append(restored)
            if restored != existing.file.name:
                existing.file.name = restored
                existing.save(update_fields=["file"])
        return existing
    image = Image(title=path.name, file_hash=file_hash, file_size=len(content))
    image.file.save(path.name, ContentFile(content, name=path.name), save=False)
    created.append(image.file.name)
    image.save()
    return image


def guess_is_image(path):
    kind, _encoding = mimetypes.guess_type(path.name)
    return bool(kind and kind.startswith("image/"))
