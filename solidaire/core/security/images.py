"""Images uploaded by people outside the CCAS (logos, event proposal images): what they may be,
and the copy the portal keeps of them.

`check_image` reads the bytes with Pillow (the extension and the declared type are not trusted):
a size cap, a pixel cap (a file of a few Ko can declare a 100-megapixel picture that every
later resize would unpack), one of four formats, and an extension that names the format (it
decides the Content-Type a web server gives the public file). `reencoded` draws the picture
again into a fresh file under a random name: whatever rode along in the upload (a script
appended to a GIF, metadata, the uploader's file name) is left behind.
"""

from __future__ import annotations

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

IMAGE_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
IMAGE_EXTENSIONS = {"PNG": {"png"}, "JPEG": {"jpg", "jpeg"}, "WEBP": {"webp"}, "GIF": {"gif"}}
FORMATS_TEXT = "PNG, JPEG, WebP ou GIF"


def _too_many_pixels(noun: str, max_pixels: int, code: str) -> ValidationError:
    side = int(max_pixels**0.5)
    return ValidationError(
        f"{noun} est une image trop grande en pixels\u00a0: {side} × {side} pixels au plus. "
        "Réduisez ses dimensions avant de l'envoyer.",
        code=f"{code}_pixels",
    )


def check_image(
    file, *, noun: str, pronoun: str, max_bytes: int, max_pixels: int, code: str = "image"
) -> str:
    """Refuse (ValidationError in French, `noun` being « Le logo » or « L'image », `pronoun`
    « le » or « la ») what is not an acceptable picture; return its format (PNG, JPEG…)."""
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        megabytes = max_bytes // (1024 * 1024)
        raise ValidationError(
            f"{noun} dépasse {megabytes} Mo : réduisez-{pronoun} avant de l'envoyer.", code=f"{code}_size"
        )
    from PIL import Image, UnidentifiedImageError

    not_an_image = ValidationError(f"{noun} doit être une image ({FORMATS_TEXT}).", code=f"{code}_type")
    try:
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
        file.seek(position)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(noun, max_pixels, code) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise not_an_image from exc
    if width * height > max_pixels:
        raise _too_many_pixels(noun, max_pixels, code)
    if image_format not in IMAGE_FORMATS:
        raise not_an_image
    extension = (getattr(file, "name", "") or "").rsplit(".", 1)[-1].lower()
    # Only new uploads: a file already stored was checked when it came in.
    if not getattr(file, "_committed", False) and extension not in IMAGE_EXTENSIONS[image_format]:
        raise ValidationError(
            f"Ce fichier est une image {image_format} : son nom doit finir par "
            f"« .{sorted(IMAGE_EXTENSIONS[image_format])[0]} ».",
            code=f"{code}_extension",
        )
    return image_format


def reencoded(file, *, image_format: str) -> ContentFile:
    """A fresh file of the same picture (first frame of an animation), without metadata, named
    `<random>.<ext>`. Call after `check_image`."""
    from PIL import Image, ImageOps

    file.seek(0)
    with Image.open(file) as image:
        image.load()
        picture = ImageOps.exif_transpose(image)  # keep the orientation the EXIF data gave
        out = io.BytesIO()
        if image_format == "JPEG":
            picture.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        elif image_format == "WEBP":
            picture.save(out, "WEBP", quality=88)
        elif image_format == "GIF":
            picture.save(out, "GIF")
        else:
            picture.save(out, "PNG", optimize=True)
    extension = sorted(IMAGE_EXTENSIONS[image_format])[0]
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
